// Use cases of persons (contactpersonen) at a relation: read, create, update with version check.
import { isIsoDate } from "../../domain/calendar.js";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "../../domain/contact-details.js";
import type { DmuRole } from "../../domain/dmu.js";
import {
  displayName,
  formalName,
  type Gender,
  normalizeInfix,
  normalizeInitials,
  normalizeTitle,
  type PersonName,
  personSortKey,
  salutation,
} from "../../domain/person-name.js";
import type { Result } from "../../domain/result.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import type { Selectable, Updateable } from "kysely";
import type { PersonsTable } from "../../db/schema.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { isPersonErased } from "../gdpr/erasure-state.js";
import type { PersonCreateInput, PersonDto, PersonPatchInput } from "./person.schemas.js";

type Row = Selectable<PersonsTable>;

function toDto(row: Row, roles: string[], erased: boolean): PersonDto {
  const name: PersonName = {
    firstName: row.first_name,
    initials: row.initials,
    infix: row.infix,
    lastName: row.last_name,
    gender: row.gender as Gender,
    title: row.title,
  };
  return {
    id: row.id,
    relationId: row.relation_id,
    firstName: row.first_name,
    initials: row.initials,
    infix: row.infix,
    lastName: row.last_name,
    gender: row.gender,
    title: row.title,
    displayName: displayName(name),
    formalName: formalName(name),
    salutation: salutation(name),
    jobTitle: row.job_title,
    department: row.department,
    phoneDirect: row.phone_direct,
    phoneMobile: row.phone_mobile,
    email: row.email,
    linkedinUrl: row.linkedin_url,
    dmuRoles: roles,
    active: row.active === 1,
    erased,
    leftOn: row.left_on,
    notes: row.notes,
    version: row.version,
  };
}

async function rolesByPerson(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom("person_dmu_roles").select(["person_id", "role"]).where("person_id", "in", ids).execute();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.role]);
  return map;
}

async function erasedAmong(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("person_erasures").select("person_id").where("person_id", "in", ids).execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Persons of a relation: active ones first, then by last name without infix. */
export async function listPersonsOfRelation(db: Db, relationId: number): Promise<PersonDto[]> {
  const rows = await db
    .selectFrom("persons")
    .selectAll()
    .where("relation_id", "=", relationId)
    .orderBy("active", "desc")
    .orderBy("sort_key")
    .limit(1000)
    .execute();
  const ids = rows.map((r) => r.id);
  const [roles, erased] = await Promise.all([rolesByPerson(db, ids), erasedAmong(db, ids)]);
  return rows.map((r) => toDto(r, roles.get(r.id) ?? [], erased.has(r.id)));
}

export async function getPerson(db: Db, id: number): Promise<PersonDto> {
  const row = await db.selectFrom("persons").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(`Person ${id}`);
  const [roles, erased] = await Promise.all([rolesByPerson(db, [id]), erasedAmong(db, [id])]);
  return toDto(row, roles.get(id) ?? [], erased.has(id));
}

type Columns = Omit<Updateable<PersonsTable>, "id" | "version" | "created_at" | "updated_at" | "relation_id">;

function personColumns(input: PersonPatchInput): { columns: Columns; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const columns: Columns = {};
  const text = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());
  const rule = (field: string, v: string | null | undefined, check: (s: string) => Result<string>) => {
    const t = text(v);
    if (t === undefined || t === null) return t;
    const r = check(t);
    if (r.ok) return r.value;
    problems.push(fieldProblem(field, r.error));
    return undefined;
  };
  const set = <K extends keyof Columns>(k: K, v: Columns[K] | undefined) => {
    if (v !== undefined) columns[k] = v;
  };
  set("first_name", text(input.firstName));
  const initials = text(input.initials);
  set("initials", initials === undefined || initials === null ? initials : normalizeInitials(initials));
  const infix = text(input.infix);
  set("infix", infix === undefined || infix === null ? infix : normalizeInfix(infix));
  if (input.lastName !== undefined) {
    if (input.lastName.trim() === "") problems.push(fieldProblem("lastName", "required"));
    else set("last_name", input.lastName.trim());
  }
  if (input.gender !== undefined) set("gender", input.gender);
  const title = text(input.title);
  set("title", title === undefined || title === null ? title : normalizeTitle(title));
  set("job_title", text(input.jobTitle));
  set("department", text(input.department));
  set("phone_direct", rule("phoneDirect", input.phoneDirect, normalizePhone));
  set("phone_mobile", rule("phoneMobile", input.phoneMobile, normalizePhone));
  set("email", rule("email", input.email, normalizeEmail));
  set("linkedin_url", rule("linkedinUrl", input.linkedinUrl, normalizeWebUrl));
  if (input.active !== undefined) set("active", input.active ? 1 : 0);
  if (input.leftOn !== undefined) {
    if (input.leftOn !== null && !isIsoDate(input.leftOn)) problems.push(fieldProblem("leftOn", "date_invalid"));
    else set("left_on", input.leftOn);
  }
  set("notes", text(input.notes));
  return { columns, problems };
}

async function writeRoles(db: Db, personId: number, roles: readonly DmuRole[]) {
  await db.deleteFrom("person_dmu_roles").where("person_id", "=", personId).execute();
  if (roles.length > 0) await db.insertInto("person_dmu_roles").values(roles.map((role) => ({ person_id: personId, role }))).execute();
}

export async function createPerson(db: Db, user: AuthUser, relationId: number, input: PersonCreateInput, now: Date): Promise<PersonDto> {
  const relation = await db.selectFrom("relations").select("id").where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  const { columns, problems } = personColumns(input);
  if (problems.length > 0) throw invalid(...problems);
  const id = await inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const lastName = columns.last_name as string;
    const row = await trx
      .insertInto("persons")
      .values({
        ...columns,
        relation_id: relationId,
        last_name: lastName,
        sort_key: personSortKey({ lastName, infix: columns.infix ?? null, firstName: columns.first_name ?? null, initials: columns.initials ?? null, gender: "x", title: null }),
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeRoles(trx, row.id, input.dmuRoles ?? []);
    await writeAudit(trx, { entity: "person", entityId: row.id, relationId, userId: user.id, at: stamp }, [["created", null, lastName]]);
    return row.id;
  });
  return getPerson(db, id);
}

export async function updatePerson(db: Db, user: AuthUser, id: number, expectedVersion: number, input: PersonPatchInput, now: Date): Promise<PersonDto> {
  const current = await db.selectFrom("persons").selectAll().where("id", "=", id).executeTakeFirst();
  if (!current) throw notFound(`Person ${id}`);
  if (current.version !== expectedVersion) {
    throw new AppError("version_conflict", `You edited version ${expectedVersion}, but the person is now at version ${current.version}; reload to see the changes`);
  }
  if (await isPersonErased(db, id)) {
    throw new AppError("conflict", `Person ${id} was erased on request (GDPR); nothing more is recorded about them`);
  }
  const { columns, problems } = personColumns(input);
  if (problems.length > 0) throw invalid(...problems);
  await inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const merged = { ...current, ...columns };
    const next = {
      ...columns,
      sort_key: personSortKey({ lastName: merged.last_name, infix: merged.infix, firstName: merged.first_name, initials: merged.initials, gender: "x", title: null }),
      updated_at: stamp,
      version: expectedVersion + 1,
    };
    const result = await trx.updateTable("persons").set(next).where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
    const changes: [string, unknown, unknown][] = Object.entries(columns)
      .filter(([k, v]) => (current as unknown as Record<string, unknown>)[k] !== v)
      .map(([k, v]) => [k, (current as unknown as Record<string, unknown>)[k], v]);
    if (input.dmuRoles) {
      const before = ((await rolesByPerson(trx, [id])).get(id) ?? []).sort().join(",");
      const after = [...input.dmuRoles].sort().join(",");
      if (before !== after) changes.push(["dmu_roles", before, after]);
      await writeRoles(trx, id, input.dmuRoles);
    }
    await writeAudit(trx, { entity: "person", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, changes);
  });
  return getPerson(db, id);
}

/** Names of persons as lists show them ("Jan van der Berg"), by id. */
export async function personNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("persons").select(["id", "first_name", "initials", "infix", "last_name", "gender", "title"]).where("id", "in", [...ids]).execute();
  return new Map(
    rows.map((r) => [r.id, displayName({ firstName: r.first_name, initials: r.initials, infix: r.infix, lastName: r.last_name, gender: r.gender as Gender, title: r.title })]),
  );
}

/**
 * Active persons whose e-mail is one of `emails` (lower case, as persons store them), with their
 * relation: how a received mail finds the relations it belongs to (features/mail-intake). The CRM is
 * open to every role, so no viewer narrows it; at most 500 addresses a question.
 */
export async function activePersonsByEmails(db: Db, emails: readonly string[]): Promise<{ id: number; relationId: number; email: string }[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ""))].slice(0, 500);
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom("persons").select(["id", "relation_id", "email"]).where("email", "in", wanted).where("active", "=", 1).orderBy("id").execute();
  return rows.flatMap((r) => (r.email === null ? [] : [{ id: r.id, relationId: r.relation_id, email: r.email }]));
}
