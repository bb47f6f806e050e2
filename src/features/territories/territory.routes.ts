// Territories API: a rayon's postcode ranges and its sub-areas on cycle days. Reading is open to
// every CRM user (who covers which area is no secret); drawing and fixing days is for managers.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { Id, IdParams, Nullable, Ref } from "../../server/schema-helpers.js";
import { getTerritory, proposeTerritorySubAreas, saveSubAreas, setPostcodeRanges } from "./territory.service.js";

const Point = Type.Object({ lat: Type.Number(), lon: Type.Number() });
const Pc4 = Type.String({ maxLength: 8, description: "four-digit postcode area, e.g. 3511" });
const Range = Type.Object({ from: Pc4, to: Pc4 }, { additionalProperties: false });
const Week = Type.Integer({ minimum: 1, maximum: 3 });
const Weekday = Type.Integer({ minimum: 1, maximum: 5, description: "1 = Monday … 5 = Friday" });
const Unplaced = Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), postcode: Nullable(Type.String()), city: Nullable(Type.String()) }));

const Territory = Type.Object({
  rayon: Ref,
  ranges: Type.Array(Range),
  reps: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), home: Nullable(Point) })),
  relationCount: Type.Integer({ description: "relations (not dead) whose visiting postcode lies in the ranges" }),
  withoutCoordinates: Unplaced,
  subAreas: Type.Array(Type.Object({ id: Type.Integer(), cycleWeeks: Type.Integer(), week: Type.Integer(), weekday: Type.Integer(), relationIds: Type.Array(Type.Integer()) })),
});

const Proposal = Type.Object({
  rayonId: Type.Integer(),
  cycleWeeks: Type.Integer(),
  daysPerWeek: Type.Integer(),
  home: Nullable(Point),
  imbalance: Type.Number({ description: "largest workload ÷ mean workload (1 = equal)" }),
  areas: Type.Array(
    Type.Object({
      index: Type.Integer(),
      week: Type.Integer(),
      weekday: Type.Integer(),
      relationIds: Type.Array(Type.Integer()),
      workload: Type.Number({ description: "visits a year by class norm" }),
      centre: Nullable(Point),
      meanRadiusKm: Type.Number(),
    }),
  ),
  withoutCoordinates: Unplaced,
});

export const territoryRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/rayons/:id/territory",
    { schema: { tags: ["territories"], summary: "A rayon's postcode ranges, reps, relations without coordinates and sub-areas", params: IdParams, response: { 200: Territory } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return getTerritory(ctx.db, request.params.id);
    },
  );

  app.put(
    "/api/rayons/:id/postcode-ranges",
    {
      schema: {
        tags: ["territories"],
        summary: "Draw the rayon as four-digit postcode ranges (replaces its ranges; no overlap with other rayons)",
        params: IdParams,
        body: Type.Object({ ranges: Type.Array(Range, { maxItems: 200 }) }, { additionalProperties: false }),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return setPostcodeRanges(ctx.db, request.params.id, request.body.ranges);
    },
  );

  app.post(
    "/api/rayons/:id/sub-areas/proposal",
    {
      schema: {
        tags: ["territories"],
        summary: "Propose sub-areas: balanced in visits a year, compact, each a weekday of a 2- or 3-week cycle (nothing is saved)",
        params: IdParams,
        body: Type.Object({ cycleWeeks: Type.Integer({ minimum: 2, maximum: 3 }), daysPerWeek: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })) }, { additionalProperties: false }),
        response: { 200: Proposal },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return proposeTerritorySubAreas(ctx.db, request.params.id, { cycleWeeks: request.body.cycleWeeks, daysPerWeek: request.body.daysPerWeek ?? 5 });
    },
  );

  app.put(
    "/api/rayons/:id/sub-areas",
    {
      schema: {
        tags: ["territories"],
        summary: "Save the rayon's sub-areas with their cycle days (replaces the old ones)",
        params: IdParams,
        body: Type.Object(
          {
            cycleWeeks: Type.Integer({ minimum: 2, maximum: 3 }),
            areas: Type.Array(Type.Object({ week: Week, weekday: Weekday, relationIds: Type.Array(Id(), { maxItems: 20_000 }) }, { additionalProperties: false }), { maxItems: 15 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return saveSubAreas(ctx.db, request.params.id, request.body, ctx.now());
    },
  );
};
