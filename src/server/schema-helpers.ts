// Small TypeBox helpers shared by the feature schemas.
import { type TSchema, Type } from "typebox";

/** One of a fixed list of strings (`enum`), typed as their union (e.g. the lifecycle statuses). */
export const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum<T>(values);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Optional text field of at most `max` characters; null or "" clears it. */
export const OptionalText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));

export const IsoDateString = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });

/** The largest id a table holds (PostgreSQL integer); a larger number is refused as input, not sent to the database. */
export const MAX_ID = 2_147_483_647;

/** A record id in a path, query or body. */
export const Id = (options: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });

export const IdParams = Type.Object({ id: Id() }, { additionalProperties: false });

export const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
  },
  { $id: "Problem", description: "RFC 9457 problem details" },
);

/** Keyset page: `nextCursor` fetches the next page; `total` is exact up to `limit` (10,000). */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    total: Type.Object({ count: Type.Integer(), exact: Type.Boolean() }),
  });
