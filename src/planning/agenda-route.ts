// The route of a day as the agenda has it (no re-ordering, unlike day-route.ts): the rep's planned
// appointments of one Amsterdam date in time order, from home to the first, from each to the next
// and home again, with the drive before each, the earliest arrival and the times of the visit. Used
// by the server (GET /api/my-day/route, the field app's bundle) and by the field app offline, which
// lays the same route anew after a move from the travel table it keeps. Pure: no I/O, no clock.

/**
 * Travel between the places of some days, as kept in the bundle: `points[i]` is home
 * (relationId null) or a relation's place; entry i · n + j of `seconds`/`meters` is the trip
 * from point i to point j (driving only; `stopSeconds` to park and walk is added per visit).
 */
export interface TravelTable {
  /** "haversine" (the straight-line estimate) or "osrm". */
  model: string;
  stopSeconds: number;
  points: { relationId: number | null; lat: number; lon: number }[];
  seconds: number[];
  meters: number[];
}

/** The part of an appointment the route reads. */
export interface RouteAppointment {
  id: number;
  version: number;
  mayChange: boolean;
  relation: { id: number; name: string };
  address: string | null;
  date: string;
  /** "HH:MM" on the Amsterdam clock. */
  startTime: string;
  endTime: string;
  status: string;
}

export interface AgendaRouteStop {
  appointmentId: number;
  appointmentVersion: number;
  mayChange: boolean;
  relation: { id: number; name: string };
  address: string | null;
  lat: number;
  lon: number;
  /** Where the drive before this stop starts; null: nothing known to drive from (home unknown). */
  from: "home" | "previous" | null;
  /** Minutes of that drive with parking and walking; null when unknown. */
  travelMinutes: number | null;
  km: number | null;
  /** "HH:MM": the earliest arrival leaving right after the previous visit (the first: its start). */
  arrival: string;
  start: string;
  departure: string;
  /** The previous visit ends too late to be here at the start. */
  late: boolean;
}

export interface AgendaRoute {
  date: string;
  travelModel: string;
  home: { lat: number; lon: number } | null;
  /** "HH:MM" to leave home for the first stop and back home after the last; null without home or stops. */
  leaveHome: string | null;
  returnHome: string | null;
  /** Minutes and km of all drives of the day, home to home as far as known. */
  travelMinutes: number;
  km: number;
  stops: AgendaRouteStop[];
  /** Appointments whose place is unknown: listed, not routed. */
  withoutLocation: { appointmentId: number; relation: { id: number; name: string }; start: string; departure: string }[];
}

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** Minutes of the day as "HH:MM" (a time past midnight wraps: the clock the rep reads). */
export function clock(total: number): string {
  const m = ((Math.round(total) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

const round1 = (km: number) => Math.round(km * 10) / 10;

/** The route of `date` over `appointments` (any dates, any order: the planned ones of `date` are taken). */
export function agendaRoute(date: string, appointments: readonly RouteAppointment[], table: TravelTable): AgendaRoute {
  const day = appointments.filter((a) => a.date === date && a.status === "planned").sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id - b.id);
  const n = table.points.length;
  const indexOf = new Map<number | null, number>();
  table.points.forEach((p, i) => {
    if (!indexOf.has(p.relationId)) indexOf.set(p.relationId, i);
  });
  const home = indexOf.get(null);
  const trip = (from: number, to: number) => ({ seconds: table.seconds[from * n + to] ?? 0, meters: table.meters[from * n + to] ?? 0 });
  const located = day.filter((a) => indexOf.has(a.relation.id));
  let travel = 0;
  let metres = 0;
  let previous: { index: number; end: number } | null = null;
  const stops: AgendaRouteStop[] = located.map((a) => {
    const index = indexOf.get(a.relation.id) as number;
    const point = table.points[index] as TravelTable["points"][number];
    const start = minutes(a.startTime);
    const end = Math.max(start, minutes(a.endTime));
    const fromIndex = previous ? previous.index : home;
    const leg = fromIndex === undefined ? null : trip(fromIndex, index);
    // The same place twice in a row: no drive, no parking.
    const legMinutes = leg === null ? null : fromIndex === index ? 0 : Math.round((leg.seconds + table.stopSeconds) / 60);
    if (leg && legMinutes !== null) {
      travel += legMinutes;
      metres += leg.meters;
    }
    const arrival = previous && legMinutes !== null ? previous.end + legMinutes : start;
    const stop: AgendaRouteStop = {
      appointmentId: a.id,
      appointmentVersion: a.version,
      mayChange: a.mayChange,
      relation: { id: a.relation.id, name: a.relation.name },
      address: a.address,
      lat: point.lat,
      lon: point.lon,
      from: leg === null ? null : previous ? "previous" : "home",
      travelMinutes: legMinutes,
      km: leg === null ? null : round1(leg.meters / 1000),
      arrival: clock(arrival),
      start: a.startTime,
      departure: clock(end),
      late: arrival > start,
    };
    previous = { index, end };
    return stop;
  });
  const first = stops[0];
  const last = previous as { index: number; end: number } | null;
  let leaveHome: string | null = null;
  let returnHome: string | null = null;
  if (home !== undefined && first && last) {
    leaveHome = clock(minutes(first.start) - (first.travelMinutes ?? 0));
    const back = trip(last.index, home);
    const backMinutes = Math.round(back.seconds / 60);
    travel += backMinutes;
    metres += back.meters;
    returnHome = clock(last.end + backMinutes);
  }
  const homePoint = home === undefined ? null : (table.points[home] as TravelTable["points"][number]);
  return {
    date,
    travelModel: table.model,
    home: homePoint ? { lat: homePoint.lat, lon: homePoint.lon } : null,
    leaveHome,
    returnHome,
    travelMinutes: travel,
    km: round1(metres / 1000),
    stops,
    withoutLocation: day.filter((a) => !indexOf.has(a.relation.id)).map((a) => ({ appointmentId: a.id, relation: { id: a.relation.id, name: a.relation.name }, start: a.startTime, departure: a.endTime })),
  };
}

/** The drive before an appointment as "Mijn dag" shows it (GET /api/my-day `agendaTravel`). */
export interface AgendaLeg {
  appointmentId: number;
  from: "home" | "previous";
  /** Driving minutes, with the parking and walking allowance of the model. */
  minutes: number;
  km: number;
  /** true: the straight-line model answered (a detour factor, not a road route). */
  estimate: boolean;
}

/**
 * The drives of a route, one per stop with a known one; the same place right after itself is no
 * drive. "Mijn dag" reads these, online and offline: one travel table serves the route and the legs.
 */
export function legsOfRoute(route: AgendaRoute): AgendaLeg[] {
  return route.stops.flatMap((s, i) => {
    if (s.from === null || s.travelMinutes === null) return [];
    if (s.from === "previous" && route.stops[i - 1]?.relation.id === s.relation.id) return [];
    return [{ appointmentId: s.appointmentId, from: s.from, minutes: s.travelMinutes, km: s.km ?? 0, estimate: route.travelModel === "haversine" }];
  });
}
