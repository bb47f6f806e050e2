// The travel model the planner uses: OSRM when KOERS_OSRM_URL is set, the haversine model
// otherwise — and also when the routing server fails, so a plan never depends on it (the matrix
// then says which model answered and why).
import type { Config } from "../../config.js";
import { haversineTravelModel, type TravelModel, TravelModelError } from "../../planning/travel-model.js";
import { type OsrmOptions, osrmTravelModel } from "./osrm.js";

/** `primary`, or `fallback` when `primary` cannot answer (not for bad points: those stay errors). */
export function withFallback(primary: TravelModel, fallback: TravelModel): TravelModel {
  return {
    name: primary.name,
    stopSeconds: primary.stopSeconds,
    matrix: async (points) => {
      try {
        return await primary.matrix(points);
      } catch (error) {
        if (!(error instanceof TravelModelError) || error.code === "point_invalid") throw error;
        return { ...(await fallback.matrix(points)), note: `${primary.name}: ${error.message}` };
      }
    },
  };
}

export function travelModelFor(config: Pick<Config, "osrmUrl">, osrm: Partial<OsrmOptions> = {}): TravelModel {
  const haversine = haversineTravelModel();
  if (config.osrmUrl === null) return haversine;
  return withFallback(osrmTravelModel({ ...osrm, baseUrl: config.osrmUrl }), haversine);
}
