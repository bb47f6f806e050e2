// User administration by administrators: list, add, change (role, rayons, profit responsibility,
// home, working hours), deactivate and reactivate. A change of role or rayons and a deactivation
// end the user's sessions at once (docs/security.md, "Sessions end").
import type { Db } from "../../db/kysely.js";
import { inTransaction } from "../../db/kysely.js";
import type { Flag, UsersTable } from "../../db/schema.js";
import { normalizeDutchPostcode } from "../../domain/postcode.js";
import { isRole, type Role } from "../../domain/roles.js";
import { leavesNoAdministrator, workingHoursProblems } from "../../domain/working-hours.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { endSessionsOf, revokeTokensOf } from "../auth/session.service.js";
import { findUserByEmail } from "./user.repository.js";
import { isEmail, SYSTEM_USER } from "./user.service.js";

export interface UserAccountDto {
  id: number;
  email: string;
  name: string;
  role: Role;
  rayons: { id: number; name: string }[];
  profitResponsible: boolean;
  homeAddress: string | null;
  homePostcode: string | null;
  homeCity: string | null;
  workStart: string;
  workEnd: string;
  locale: "nl" | "en";
  active: boolean;
  hasPassword: boolean;
  /** Whether the user logs in with a second factor (an authenticator app). */
  totpEnabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserAccountInput {
  email?: string;
  name?: string;
  role?: string;
  rayonIds?: number[];
  profitResponsible?: boolean;
  homeAddress?: string | null;
  homePostcode?: string | null;
  homeCity?: string | null;
  workStart?: string;
  workEnd?: string;
  locale?: "nl" | "en";
  active?: boolean;
}

type UserRow = Omit<UsersTable, "id" | "locale" | "work_start" | "work_end" | "profit_responsible" | "active" | "version"> & {
  id: number;
  locale: string;
  work_start: string;
  work_end: string;
  profit_responsible: number;
  active: number;
  version: number;
};

interface Columns {
  email?: string;
  name?: string;
  role?: string;
  profit_responsible?: Flag;
  home_address?: string | null;
  home_postcode?: string | null;
  home_city?: string | null;
  work_start?: string;
  work_end?: string;
  locale?: string;
  active?: Flag;
}

async function rayonsOf(db: Db, userIds: readonly number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom("user_rayons")
    .innerJoin("rayons", "rayons.id", "user_rayons.rayon_id")
    .select(["user_rayons.user_id", "rayons.id", "rayons.name"])
    .where("user_rayons.user_id", "in", [...userIds])
    .orderBy("rayons.name")
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.user_id, list);
  }
  return out;
}

function toDto(row: UserRow, rayons: { id: number; name: string }[]): UserAccountDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: (isRole(row.role) ? row.role : "purchasing") as Role,
    rayons,
    profitResponsible: row.profit_responsible === 1,
    homeAddress: row.home_address,
    homePostcode: row.home_postcode,
    homeCity: row.home_city,
    workStart: row.work_start,
    workEnd: row.work_end,
    locale: row.locale === "en" ? "en" : "nl",
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
    totpEnabled: row.totp_secret !== null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every account but the system account (which never logs in), active ones first, by name. */
export async function listUserAccounts(db: Db): Promise<UserAccountDto[]> {
  const rows = await db.selectFrom("users").selectAll().where("email", "!=", SYSTEM_USER.email).orderBy("active", "desc").orderBy("name").orderBy("id").execute();
  const rayons = await rayonsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toDto(r, rayons.get(r.id) ?? []));
}

export async function getUserAccount(db: Db, id: number): Promise<UserAccountDto> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).where("email", "!=", SYSTEM_USER.email).executeTakeFirst();
  if (!row) throw notFound(`User ${id}`);
  return toDto(row, (await rayonsOf(db, [id])).get(id) ?? []);
}

const text = (value: string | null | undefined) => (value === undefined ? undefined : value === null || value.trim() === "" ? null : value.trim());

/** The columns of an input, checked; problems name the API field. `current` is null on create. */
async function columnsOf(db: Db, input: UserAccountInput, current: UserRow | null) {
  const problems: FieldProblem[] = [];
  const columns: Columns = {};
  if (input.email !== undefined) {
    const email = input.email.trim().toLowerCase();
    if (!isEmail(email)) problems.push(fieldProblem("email", "email_invalid"));
    else if (email !== current?.email) {
      const other = await findUserByEmail(db, email);
      if (other && other.id !== current?.id) problems.push(fieldProblem("email", "email_taken"));
      columns.email = email;
    }
  }
  if (input.name !== undefined) {
    if (input.name.trim() === "") problems.push(fieldProblem("name", "required"));
    else columns.name = input.name.trim();
  }
  if (input.role !== undefined) {
    if (!isRole(input.role)) problems.push(fieldProblem("role", "role_invalid"));
    else columns.role = input.role;
  }
  if (input.profitResponsible !== undefined) columns.profit_responsible = input.profitResponsible ? 1 : 0;
  if (input.homeAddress !== undefined) columns.home_address = text(input.homeAddress) ?? null;
  if (input.homeCity !== undefined) columns.home_city = text(input.homeCity) ?? null;
  if (input.homePostcode !== undefined) {
    const raw = text(input.homePostcode) ?? null;
    if (raw === null) columns.home_postcode = null;
    else {
      const postcode = normalizeDutchPostcode(raw);
      if (postcode.ok) columns.home_postcode = postcode.value;
      else problems.push(fieldProblem("homePostcode", postcode.error));
    }
  }
  if (input.workStart !== undefined || input.workEnd !== undefined) {
    const start = input.workStart ?? current?.work_start ?? "08:30";
    const end = input.workEnd ?? current?.work_end ?? "17:00";
    const hours = workingHoursProblems(start, end);
    for (const p of hours) problems.push(fieldProblem(p.field, p.code));
    if (hours.length === 0) {
      columns.work_start = start;
      columns.work_end = end;
    }
  }
  if (input.locale !== undefined) columns.locale = input.locale;
  if (input.active !== undefined) columns.active = input.active ? 1 : 0;
  if (input.rayonIds !== undefined && input.rayonIds.length > 0) {
    const known = await db.selectFrom("rayons").select("id").where("id", "in", input.rayonIds).execute();
    const ids = new Set(known.map((r) => r.id));
    input.rayonIds.forEach((id, i) => {
      if (!ids.has(id)) problems.push(fieldProblem(`rayonIds.${i}`, "rayon_unknown"));
    });
  }
  return { columns, problems };
}

async function otherActiveAdmins(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .where("id", "!=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function setRayons(db: Db, userId: number, rayonIds: readonly number[]) {
  await db.deleteFrom("user_rayons").where("user_id", "=", userId).execute();
  const unique = [...new Set(rayonIds)];
  if (unique.length > 0) await db.insertInto("user_rayons").values(unique.map((rayon_id) => ({ user_id: userId, rayon_id }))).execute();
}

/** A new account without a password: the user chooses one through a password link. */
export async function createUserAccount(db: Db, input: UserAccountInput & { email: string; name: string; role: string }, now: Date): Promise<UserAccountDto> {
  const { columns, problems } = await columnsOf(db, { ...input, active: undefined }, null);
  if (problems.length > 0) throw invalid(...problems);
  const stamp = now.toISOString();
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("users")
      .values({
        ...columns,
        email: columns.email as string,
        name: columns.name as string,
        role: columns.role as string,
        password_hash: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setRayons(trx, row.id, input.rayonIds ?? []);
    return row.id;
  });
  return getUserAccount(db, id);
}

/**
 * Changes an account edited at `version`. Refuses to leave Koers without an active administrator.
 * Ends the user's sessions when the role or rayons change or the account is deactivated.
 */
export async function updateUserAccount(db: Db, id: number, version: number, input: UserAccountInput, now: Date): Promise<UserAccountDto> {
  const current = await db.selectFrom("users").selectAll().where("id", "=", id).where("email", "!=", SYSTEM_USER.email).executeTakeFirst();
  if (!current) throw notFound(`User ${id}`);
  if (current.version !== version) {
    throw new AppError("version_conflict", `You edited version ${version}, but the user is now at version ${current.version}; reload to see the changes`);
  }
  const { columns, problems } = await columnsOf(db, input, current);
  if (problems.length > 0) throw invalid(...problems);
  const before = (await rayonsOf(db, [id])).get(id)?.map((r) => r.id) ?? [];
  const rayonsChanged = input.rayonIds !== undefined && [...new Set(input.rayonIds)].sort().join(",") !== [...before].sort().join(",");
  const roleChanged = columns.role !== undefined && columns.role !== current.role;
  const deactivated = columns.active === 0 && current.active === 1;
  return inTransaction(db, async (trx) => {
    const staysAdmin = (columns.role ?? current.role) === "admin" && (columns.active ?? current.active) === 1;
    const lastAdmin = leavesNoAdministrator({ wasActiveAdmin: current.role === "admin" && current.active === 1, staysActiveAdmin: staysAdmin, otherActiveAdmins: await otherActiveAdmins(trx, id) });
    if (!lastAdmin.ok) throw new AppError("rule_violation", "Koers needs at least one active administrator; make someone else administrator first", [fieldProblem(columns.active === 0 ? "active" : "role", "last_admin")]);
    const updated = await trx
      .updateTable("users")
      .set({ ...columns, updated_at: now.toISOString(), version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError("version_conflict", `You edited version ${version}, but someone saved a newer version at the same moment; reload`);
    if (input.rayonIds !== undefined && rayonsChanged) await setRayons(trx, id, input.rayonIds);
    if (roleChanged || rayonsChanged || deactivated) await endSessionsOf(trx, id);
    if (deactivated) await revokeTokensOf(trx, id, now);
    return getUserAccount(trx, id);
  });
}
