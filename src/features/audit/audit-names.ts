// Audit values that are ids (an owner, a rayon, the persons of a contact moment) named for the
// reader: the change log says "Piet Verkoper", not "assigned_to 3". Names are read through the
// features that own them, for the lines the viewer already may read.
import type { Db } from "../../db/kysely.js";
import { personNames } from "../persons/person.service.js";
import { listRayons } from "../reference/reference.service.js";
import { userNames } from "../users/user.service.js";
import { type AuditRow, toAuditLine } from "./audit.service.js";

type Kind = "user" | "rayon" | "person";

/** Which audit fields hold ids, and of what; a field holding a list keeps them comma-separated. */
const REFERENCE_FIELDS: Record<string, Kind> = {
  owner_id: "user",
  assigned_to: "user",
  rep_id: "user",
  done_by: "user",
  user_ids: "user",
  rayon_id: "rayon",
  person_id: "person",
  person_ids: "person",
};

const idsOf = (value: string | null): number[] =>
  value === null
    ? []
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => /^\d+$/.test(s))
        .map(Number);

/** Audit lines with `oldName`/`newName` for id-valued fields (null elsewhere, or for an unknown id). */
export async function namedAuditLines(db: Db, rows: readonly AuditRow[]) {
  const wanted: Record<Kind, Set<number>> = { user: new Set(), rayon: new Set(), person: new Set() };
  for (const r of rows) {
    const kind = REFERENCE_FIELDS[r.field];
    if (!kind) continue;
    for (const id of [...idsOf(r.old_value), ...idsOf(r.new_value)]) wanted[kind].add(id);
  }
  const [users, persons, rayons] = await Promise.all([
    userNames(db, [...wanted.user]),
    personNames(db, [...wanted.person]),
    wanted.rayon.size > 0 ? listRayons(db).then((list) => new Map(list.map((r) => [r.id, r.name]))) : Promise.resolve(new Map<number, string>()),
  ]);
  const maps: Record<Kind, Map<number, string>> = { user: users, rayon: rayons, person: persons };
  const name = (kind: Kind | undefined, value: string | null): string | null => {
    if (!kind || value === null) return null;
    const ids = idsOf(value);
    if (ids.length === 0) return null;
    return ids.map((id) => maps[kind].get(id) ?? `#${id}`).join(", ");
  };
  return rows.map((r) => {
    const kind = REFERENCE_FIELDS[r.field];
    return { ...toAuditLine(r), oldName: name(kind, r.old_value), newName: name(kind, r.new_value) };
  });
}
