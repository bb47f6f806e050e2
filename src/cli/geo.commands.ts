// koers geocode: the geocode job (features/geo/geocode.job.ts) run here with a progress bar, for
// the relations and homes written before geocoding existed. Safe to repeat: unchanged rows stay.
import type { Command } from "commander";
import type { GeocodeResult } from "../features/geo/geocode.job.js";
import { runCliJob } from "./job-progress.js";
import { withDatabase } from "./session.js";

export function registerGeoCommands(program: Command): void {
  program
    .command("geocode")
    .description("give every relation and every user's home coordinates from its postcode area or place (offline tables in resources/), or from its full address when KOERS_GEOCODER_URL is set")
    .action(() =>
      withDatabase(async (handle, config) => {
        const result = (await runCliJob(handle, config, "geo.geocode", {})) as GeocodeResult;
        for (const [label, t] of [["relations", result.relations], ["homes", result.users]] as const) {
          console.log(`${label}: ${t.pc6 > 0 ? `${t.pc6} by full address (live geocoder), ` : ""}${t.pc4} by postcode area, ${t.place} by place name, ${t.manual} typed in (kept), ${t.none} without coordinates; ${t.changed} changed`);
        }
        if (result.geocoder) console.log(`geocoder: ${result.geocoder.summary}${result.geocoder.lastProblem ? ` (last problem: ${result.geocoder.lastProblem})` : ""}`);
      }),
    );
}
