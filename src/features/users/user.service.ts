// Users: created from the CLI at first set-up (and later by an admin), listed for owner pickers.
import type { Viewer } from "../../domain/access.js";
import { mayActFor, mayActForAnyone } from "../../domain/acting.js";
import { type ListScope, ownersOfScope, SALES_ROLES } from "../../domain/list-scope.js";
import { isRole, type Role } from "../../domain/roles.js";
import { normalizeKey } from "../../domain/text.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import type { UsersTable } from "../../db/schema.js";
import { AppError, fieldProblem, type FieldProblem, invalid } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { hashPassword, passwordProblems } from "../auth/password.js";
import { emptyTally, type GeocodeTally, type HomeGeoColumns, homeGeoColumns } from "../geo/geo-columns.js";
import { findUserByEmail, rayonIdsOf, rayonIdsOfUsers } from "./user.repository.js";

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  profitResponsible?: boolean;
  rayonNames?: string[];
  locale?: "nl" | "en";
  homePostcode?: string | null;
  homeCity?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Finds a rayon by name or creates it; rayons are named areas ("Noord", "Randstad-Zuid"). */
export async function ensureRayon(db: Db, name: string): Promise<number> {
  const existing = await db.selectFrom("rayons").select("id").where("name", "=", name).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db.insertInto("rayons").values({ name, description: null }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function addUser(db: Db, input: NewUser, now: Date): Promise<{ id: number }> {
  const email = input.email.trim().toLowerCase();
  const problems: FieldProblem[] = [];
  if (!isEmail(email)) problems.push(fieldProblem("email", "email_invalid"));
  if (input.name.trim() === "") problems.push(fieldProblem("name", "required"));
  if (!isRole(input.role)) problems.push(fieldProblem("role", "role_invalid"));
  problems.push(...passwordProblems(input.password));
  if (problems.length > 0) throw invalid(...problems);
  if (await findUserByEmail(db, email)) throw invalid(fieldProblem("email", "email_taken"));

  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const row = await trx
      .insertInto("users")
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        password_hash: passwordHash,
        profit_responsible: input.profitResponsible ? 1 : 0,
        locale: input.locale ?? "nl",
        home_postcode: input.homePostcode ?? null,
        home_city: input.homeCity ?? null,
        ...homeGeoColumns({ postcode: input.homePostcode, city: input.homeCity }),
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const rayonName of input.rayonNames ?? []) {
      const rayonId = await ensureRayon(trx, rayonName.trim());
      await trx.insertInto("user_rayons").values({ user_id: row.id, rayon_id: rayonId }).execute();
    }
    return { id: row.id };
  });
}

export async function toAuthUser(db: Db, row: Pick<UsersTable, "email" | "name" | "role"> & {
  id: number;
  profit_responsible: number;
  locale: string;
}): Promise<AuthUser> {
  if (!isRole(row.role)) throw new AppError("internal", `user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    profitResponsible: row.profit_responsible === 1,
    locale: row.locale === "en" ? "en" : "nl",
    rayonIds: await rayonIdsOf(db, row.id),
  };
}

/** The account batch work is recorded for when nobody was named and no administrator exists yet. */
export const SYSTEM_USER = { email: "systeem@koers.invalid", name: "Koers (import)" } as const;

/**
 * Finds or creates the system account: an administrator without password and inactive, so it can
 * never log in and stays out of pickers, but history and audit lines can name who did the work.
 */
export async function ensureSystemUser(db: Db, now: Date) {
  const existing = await findUserByEmail(db, SYSTEM_USER.email);
  if (existing) return existing;
  const stamp = now.toISOString();
  await db
    .insertInto("users")
    .values({ email: SYSTEM_USER.email, name: SYSTEM_USER.name, role: "admin", password_hash: null, active: 0, created_at: stamp, updated_at: stamp })
    .execute();
  return (await findUserByEmail(db, SYSTEM_USER.email)) as NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>;
}

/** Active users for pickers and filters: id, name, role. */
export function listUsers(db: Db) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
}

/** Names of users by id (active or not: history names who did it). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The owners a list's scope keeps for this viewer (domain/list-scope.ts): null = everyone. The team
 * is read from the reps (active or not: a departed rep's open work is the team's too) and their rayons.
 */
export async function ownersInScope(db: Db, viewer: Viewer, scope: ListScope | undefined): Promise<readonly number[] | null> {
  if (scope === undefined || scope === "all") return null;
  if (scope === "mine") return ownersOfScope(viewer, scope, []);
  const reps = await db.selectFrom("users").select(["id", "role"]).where("role", "in", [...SALES_ROLES]).execute();
  const links = reps.length === 0 ? [] : await db.selectFrom("user_rayons").select(["user_id", "rayon_id"]).where("user_id", "in", reps.map((r) => r.id)).execute();
  const candidates = reps.filter((r) => isRole(r.role)).map((r) => ({
    id: r.id,
    role: r.role as Role,
    rayonIds: links.filter((l) => l.user_id === r.id).map((l) => l.rayon_id),
  }));
  return ownersOfScope(viewer, scope, candidates);
}

/** Role and rayons of an active user, for the acting-for policy (domain/acting.ts); null when unknown or inactive. */
export async function actorOf(db: Db, userId: number): Promise<{ id: number; name: string; role: Role; rayonIds: number[] } | null> {
  const row = await db.selectFrom("users").select(["id", "name", "role", "active"]).where("id", "=", userId).executeTakeFirst();
  if (row?.active !== 1 || !isRole(row.role)) return null;
  return { id: row.id, name: row.name, role: row.role, rayonIds: await rayonIdsOf(db, row.id) };
}

/** The active field reps by name, each as actorOf gives it, and whether the home has a location: two queries for any number. */
export async function activeFieldReps(db: Db): Promise<{ id: number; name: string; role: Role; rayonIds: number[]; hasHome: boolean }[]> {
  const rows = await db.selectFrom("users").select(["id", "name", "home_lat"]).where("role", "=", "field_sales").where("active", "=", 1).orderBy("name").execute();
  const rayons = rows.length === 0 ? new Map<number, number[]>() : await rayonIdsOfUsers(db, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, name: r.name, role: "field_sales" as const, rayonIds: rayons.get(r.id) ?? [], hasHome: r.home_lat !== null }));
}

/**
 * Whether `viewer` may act for the user `userId` (the policy of domain/acting.ts). A user that
 * cannot be resolved (gone, inactive) is acted for only by those who may act for anyone: it fails
 * closed, so a deactivated rep's work is changed by a manager, not by whoever comes along.
 */
export async function mayActForUser(db: Db, viewer: Viewer, userId: number | null): Promise<boolean> {
  const actor = userId === null ? null : await actorOf(db, userId);
  if (actor) return mayActFor(viewer, actor);
  return mayActForAnyone(viewer);
}

/** Geocodes the homes of the next `limit` users after `afterId` (see planRelationGeocodes): the tally and the writes. */
export async function planHomeGeocodes(db: Db, afterId: number, limit: number): Promise<{ tally: GeocodeTally; writes: HomeGeoWrite[] }> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "home_postcode", "home_city", "home_lat", "home_lon", "home_geo_source", "home_geo_precision_m"])
    .where("id", ">", afterId)
    .where((eb) => eb.or([eb("home_geo_source", "is", null), eb("home_geo_source", "!=", "manual")]))
    .orderBy("id")
    .limit(limit)
    .execute();
  const tally = emptyTally();
  const writes: HomeGeoWrite[] = [];
  for (const row of rows) {
    const geo = homeGeoColumns({ postcode: row.home_postcode, city: row.home_city });
    tally[(geo.home_geo_source as "pc6" | "pc4" | "place" | null) ?? "none"] += 1;
    tally.lastId = row.id;
    const same = geo.home_lat === row.home_lat && geo.home_lon === row.home_lon && geo.home_geo_source === row.home_geo_source && geo.home_geo_precision_m === row.home_geo_precision_m;
    if (!same) writes.push({ id: row.id, postcode: row.home_postcode, city: row.home_city, geo });
  }
  return { tally, writes };
}

export interface HomeGeoWrite {
  id: number;
  postcode: string | null;
  city: string | null;
  geo: HomeGeoColumns;
}

/** Writes planned home coordinates, only while the home is still the one read (a later writer's address wins). */
export async function writeHomeGeocodes(db: Db, writes: readonly HomeGeoWrite[]): Promise<number> {
  let written = 0;
  for (const w of writes) {
    const result = await db
      .updateTable("users")
      .set(w.geo)
      .where("id", "=", w.id)
      .where((eb) => eb.and([eb("home_postcode", w.postcode === null ? "is" : "=", w.postcode), eb("home_city", w.city === null ? "is" : "=", w.city)]))
      .executeTakeFirst();
    written += Number(result.numUpdatedRows);
  }
  return written;
}

/**
 * Users named in a file (an import's owner column): by e-mail address, else by name (case and
 * accents ignored). Active users only; the system account never. A name two users share is
 * "ambiguous" (the file must use the e-mail address then). Keyed by normalizeKey of the text.
 */
export async function matchUsers(db: Db, texts: readonly string[]): Promise<Map<string, number | "ambiguous">> {
  const found = new Map<string, number | "ambiguous">();
  if (texts.length === 0) return found;
  const users = await db.selectFrom("users").select(["id", "email", "name"]).where("active", "=", 1).where("email", "!=", SYSTEM_USER.email).execute();
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const byName = new Map<string, number | "ambiguous">();
  for (const u of users) {
    const key = normalizeKey(u.name);
    byName.set(key, byName.has(key) ? "ambiguous" : u.id);
  }
  for (const text of texts) {
    const trimmed = text.trim();
    const id = trimmed.includes("@") ? byEmail.get(trimmed.toLowerCase()) : byName.get(normalizeKey(trimmed));
    if (id !== undefined) found.set(normalizeKey(trimmed), id);
  }
  return found;
}

/** A user's home as planning uses it (the first trip of a day starts there). */
export interface Home {
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** Working hours "HH:MM" on the Amsterdam clock. */
  workStart: string;
  workEnd: string;
}

/** A user's home and working hours, as the planner and the travel estimates start from; null for no such user. */
export async function homeOf(db: Db, userId: number): Promise<Home | null> {
  const row = await db.selectFrom("users").select(["home_city", "home_lat", "home_lon", "work_start", "work_end"]).where("id", "=", userId).executeTakeFirst();
  return row ? { city: row.home_city, lat: row.home_lat, lon: row.home_lon, workStart: row.work_start, workEnd: row.work_end } : null;
}
