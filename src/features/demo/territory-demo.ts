// The demo rayons drawn as postcode ranges, with sub-areas on the days of a two-week cycle, so that
// /planning works on a fresh demo start. Ranges come from where each rayon's relations lie: the
// four-digit postcodes in use, in order, cut into runs that belong to one rayon (so no two rayons'
// ranges overlap). Made through the territories service, as a manager would in Instellingen.
import type { Db } from "../../db/kysely.js";
import { proposeTerritorySubAreas, saveSubAreas, setPostcodeRanges } from "../territories/territory.service.js";

/** A rayon's cycle: two weeks of five working days, one sub-area a day. */
const CYCLE = { cycleWeeks: 2, daysPerWeek: 5 } as const;

export async function seedTerritoryDemo(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom("relations")
    .select(["visit_postcode", "rayon_id"])
    .where("visit_country", "=", "NL")
    .where("rayon_id", "is not", null)
    .where("visit_postcode", "is not", null)
    .execute();
  // The rayon most relations of each PC4 belong to.
  const votes = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const pc4 = (r.visit_postcode as string).slice(0, 4);
    if (!/^[1-9]\d{3}$/.test(pc4)) continue;
    const tally = votes.get(pc4) ?? new Map<number, number>();
    tally.set(r.rayon_id as number, (tally.get(r.rayon_id as number) ?? 0) + 1);
    votes.set(pc4, tally);
  }
  const owner = [...votes.entries()]
    .map(([pc4, tally]) => ({ pc4, rayon: [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] as number }))
    .sort((a, b) => a.pc4.localeCompare(b.pc4));
  const ranges = new Map<number, { from: string; to: string }[]>();
  let run: { rayon: number; from: string; to: string } | null = null;
  const close = () => {
    if (run) ranges.set(run.rayon, [...(ranges.get(run.rayon) ?? []), { from: run.from, to: run.to }]);
  };
  for (const o of owner) {
    if (run && run.rayon === o.rayon) run.to = o.pc4;
    else {
      close();
      run = { rayon: o.rayon, from: o.pc4, to: o.pc4 };
    }
  }
  close();
  let areas = 0;
  for (const [rayonId, list] of ranges) {
    await setPostcodeRanges(db, rayonId, list);
    const proposal = await proposeTerritorySubAreas(db, rayonId, CYCLE);
    await saveSubAreas(db, rayonId, { cycleWeeks: CYCLE.cycleWeeks, areas: proposal.areas.map((a) => ({ week: a.week, weekday: a.weekday, relationIds: a.relationIds })) }, now);
    areas += proposal.areas.length;
  }
  return areas;
}
