import { describe, expect, it } from "vitest";
import { agendaRoute, type RouteAppointment, type TravelTable } from "./agenda-route.js";

const visit = (id: number, relationId: number, startTime: string, endTime: string, extra: Partial<RouteAppointment> = {}): RouteAppointment => ({
  id,
  version: 1,
  mayChange: true,
  relation: { id: relationId, name: `Klant ${relationId}` },
  address: null,
  date: "2026-12-02",
  startTime,
  endTime,
  status: "planned",
  ...extra,
});

// Home, relation 1 and relation 2: 30 minutes (30 km) between any two, 4 minutes to park and walk.
const table = (withHome: boolean): TravelTable => {
  const points = [...(withHome ? [{ relationId: null, lat: 52, lon: 5 }] : []), { relationId: 1, lat: 52.1, lon: 5.1 }, { relationId: 2, lat: 52.2, lon: 5.2 }];
  const n = points.length;
  return { model: "haversine", stopSeconds: 240, points, seconds: Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 0 : 1800)), meters: Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 0 : 30_000)) };
};

describe("the day's route as the agenda has it", () => {
  it("goes from home to the stops in time order and back, with drives, arrivals and a visit that cannot be reached in time", () => {
    const route = agendaRoute("2026-12-02", [visit(3, 2, "11:00", "12:00"), visit(2, 1, "09:00", "10:30"), visit(4, 1, "13:00", "13:30"), visit(5, 9, "15:00", "15:30"), visit(6, 1, "08:00", "08:30", { status: "cancelled" }), visit(7, 1, "08:00", "08:30", { date: "2026-12-03" })], table(true));
    expect(route.stops.map((s) => [s.appointmentId, s.from, s.travelMinutes, s.arrival, s.start, s.departure, s.late])).toEqual([
      [2, "home", 34, "09:00", "09:00", "10:30", false],
      [3, "previous", 34, "11:04", "11:00", "12:00", true],
      [4, "previous", 34, "12:34", "13:00", "13:30", false],
    ]);
    expect([route.leaveHome, route.returnHome, route.travelMinutes, route.km]).toEqual(["08:26", "14:00", 34 * 3 + 30, 120]);
    // A relation without a known place is listed, not routed.
    expect(route.withoutLocation).toEqual([{ appointmentId: 5, relation: { id: 9, name: "Klant 9" }, start: "15:00", departure: "15:30" }]);
  });

  it("drives nothing between two visits at the same place, and has no drive from home when home is unknown", () => {
    const route = agendaRoute("2026-12-02", [visit(1, 1, "09:00", "10:00"), visit(2, 1, "10:00", "11:00")], table(false));
    expect(route.stops.map((s) => [s.from, s.travelMinutes, s.arrival, s.late])).toEqual([
      [null, null, "09:00", false],
      ["previous", 0, "10:00", false],
    ]);
    expect([route.home, route.leaveHome, route.returnHome]).toEqual([null, null, null]);
  });
});
