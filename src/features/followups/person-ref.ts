// Turning joined person name columns into a { id, name } reference for lists.
import { displayName, type Gender } from "../../domain/person-name.js";

export interface PersonNameColumns {
  person_id: number | null;
  person_first_name: string | null;
  person_initials: string | null;
  person_infix: string | null;
  person_last_name: string | null;
}

export function personRef(row: PersonNameColumns): { id: number; name: string } | null {
  if (row.person_id === null || row.person_last_name === null) return null;
  return {
    id: row.person_id,
    name: displayName({
      firstName: row.person_first_name,
      initials: row.person_initials,
      infix: row.person_infix,
      lastName: row.person_last_name,
      gender: "x" as Gender,
      title: null,
    }),
  };
}
