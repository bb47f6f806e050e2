// Territories API: a rayon drawn from postcode ranges, provinces, municipalities or chosen relations,
// and its sub-areas on cycle days. Reading is open to
// every CRM user (who covers which area is no secret); drawing and fixing days is for managers.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { Id, IdParams, Nullable, Ref } from "../../server/schema-helpers.js";
import { regionCatalogue } from "./regions.js";
import { getTerritory, moveToSubArea, proposeTerritorySubAreas, saveSubAreas, setChosenRelations, setPostcodeRanges, setRegions, setSubAreaDay } from "./territory.service.js";

const Point = Type.Object({ lat: Type.Number(), lon: Type.Number() });
const Pc4 = Type.String({ maxLength: 8, description: "four-digit postcode area, e.g. 3511" });
const Range = Type.Object({ from: Pc4, to: Pc4 }, { additionalProperties: false });
const Week = Type.Integer({ minimum: 1, maximum: 3 });
const Weekday = Type.Integer({ minimum: 1, maximum: 5, description: "1 = Monday … 5 = Friday" });
const Unplaced = Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), postcode: Nullable(Type.String()), city: Nullable(Type.String()) }));

const RegionKind = Type.Union([Type.Literal("province"), Type.Literal("municipality")]);

const Territory = Type.Object({
  rayon: Ref,
  ranges: Type.Array(Range),
  regions: Type.Array(Type.Object({ kind: RegionKind, code: Type.String({ description: "a province's name, or a municipality's CBS code GMxxxx" }), name: Type.String() })),
  chosenRelations: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), city: Nullable(Type.String()) }), { description: "relations chosen into the rayon by hand, wherever they lie" }),
  reps: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), home: Nullable(Point) })),
  relationCount: Type.Integer({ description: "relations (not dead) in the rayon: visiting postcode in a range, province or municipality, or chosen" }),
  withoutCoordinates: Unplaced,
  subAreas: Type.Array(
    Type.Object({
      id: Type.Integer(),
      cycleWeeks: Type.Integer(),
      week: Type.Integer(),
      weekday: Type.Integer(),
      relationIds: Type.Array(Type.Integer()),
      workload: Type.Number({ description: "visits a year by class norm" }),
    }),
  ),
});

const SubAreaParams = Type.Object({ id: Id(), areaId: Id() });

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

  app.get(
    "/api/territories/regions",
    {
      schema: {
        tags: ["territories"],
        summary: "The provinces and municipalities (CBS 2023) a rayon can be drawn from",
        response: { 200: Type.Object({ provinces: Type.Array(Type.String()), municipalities: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), province: Type.String() })) }) },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      const c = regionCatalogue();
      return { provinces: c.provinces, municipalities: c.municipalities };
    },
  );

  app.put(
    "/api/rayons/:id/regions",
    {
      schema: {
        tags: ["territories"],
        summary: "Draw the rayon from whole provinces or municipalities (replaces them; no overlap with other rayons)",
        params: IdParams,
        body: Type.Object(
          { regions: Type.Array(Type.Object({ kind: RegionKind, name: Type.String({ minLength: 1, maxLength: 100, description: "name as CBS spells it (Den Haag and Den Bosch too) or GM code" }) }, { additionalProperties: false }), { maxItems: 400 }) },
          { additionalProperties: false },
        ),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return setRegions(ctx.db, request.params.id, request.body.regions);
    },
  );

  app.put(
    "/api/rayons/:id/relations",
    {
      schema: {
        tags: ["territories"],
        summary: "Choose relations into the rayon by hand, wherever they lie (replaces the chosen set)",
        params: IdParams,
        body: Type.Object({ relationIds: Type.Array(Id(), { maxItems: 5_000 }) }, { additionalProperties: false }),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return setChosenRelations(ctx.db, request.params.id, request.body.relationIds);
    },
  );

  app.post(
    "/api/rayons/:id/sub-areas/moves",
    {
      schema: {
        tags: ["territories"],
        summary: "Move relations, or every relation of four-digit postcode areas, into one of the rayon's sub-areas",
        params: IdParams,
        body: Type.Object(
          {
            toSubAreaId: Id(),
            relationIds: Type.Optional(Type.Array(Id(), { maxItems: 5_000 })),
            pc4s: Type.Optional(Type.Array(Pc4, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return moveToSubArea(ctx.db, request.params.id, request.body);
    },
  );

  app.patch(
    "/api/rayons/:id/sub-areas/:areaId",
    {
      schema: {
        tags: ["territories"],
        summary: "Give a sub-area another day of its cycle",
        params: SubAreaParams,
        body: Type.Object({ week: Week, weekday: Weekday }, { additionalProperties: false }),
        response: { 200: Territory },
      },
    },
    async (request) => {
      requirePermission(request, "territories.manage");
      return setSubAreaDay(ctx.db, request.params.id, request.params.areaId, request.body);
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
