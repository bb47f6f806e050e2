// Placeholder until the demo generator lands (being written now); replaced by the real one.
import type { Db } from "../../db/kysely.js";

export interface DemoSummary {
  users: { email: string; name: string; role: string; password: string }[];
  relations: number;
  persons: number;
}

export async function seedDemo(_db: Db, _options: { relations: number; seed: number }, _now: Date): Promise<DemoSummary> {
  return { users: [], relations: 0, persons: 0 };
}
