// The demo reps' agendas around "today": a few visits a working day from yesterday to a week ahead,
// on their own prospects and customers, some planned for them by inside sales (who may act for the
// field reps of its rayons), made through the agenda's service like any user would.
import { mayActFor } from "../../domain/acting.js";
import { VISIT_TYPES } from "../../domain/agenda.js";
import { addDays } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { amsterdamDate, amsterdamInstant } from "../../server/time.js";
import { createAppointment } from "../appointments/appointment.service.js";
import { toAuthUser } from "../users/user.service.js";
import { Random } from "./prng.js";

/** Start times on the Amsterdam clock (DOMAIN.md: the first visit at 08:30–09:00) and their minutes. */
const SLOTS = [
  ["09:00", 60],
  ["11:00", 45],
  ["13:30", 90],
  ["15:30", 60],
] as const;

export async function seedAgendaDemo(db: Db, options: { seed: number; now: Date }): Promise<number> {
  const r = new Random(options.seed * 104_729 + 3);
  const today = amsterdamDate(options.now);
  const rows = await db.selectFrom("users").selectAll().where("role", "in", ["field_sales", "inside_sales"]).where("active", "=", 1).orderBy("id").execute();
  const users = await Promise.all(rows.map((row) => toAuthUser(db, row)));
  const reps = users.filter((u) => u.role === "field_sales");
  const inside = users.filter((u) => u.role === "inside_sales");
  let planned = 0;
  for (const rep of reps) {
    const relations = await db
      .selectFrom("relations")
      .select("id")
      .where("owner_id", "=", rep.id)
      .where("status", "in", ["suspect", "prospect", "customer"])
      .orderBy("id")
      .limit(40)
      .execute();
    if (relations.length === 0) continue;
    const planner = inside.find((i) => mayActFor(i, rep)) ?? rep;
    for (let offset = -1; offset <= 7; offset++) {
      const date = addDays(today, offset);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [time, minutes] of r.sample([...SLOTS], r.int(1, 3)).sort((a, b) => a[0].localeCompare(b[0]))) {
        const start = amsterdamInstant(date, time);
        const relation = r.pick(relations);
        if (!start || !relation) continue;
        const persons = await db.selectFrom("persons").select("id").where("relation_id", "=", relation.id).orderBy("id").limit(1).execute();
        const byInside = planner !== rep && r.chance(0.4);
        await createAppointment(
          db,
          byInside ? planner : rep,
          {
            relationId: relation.id,
            forUserId: rep.id,
            visitType: byInside ? "first_visit" : r.pick(VISIT_TYPES),
            personIds: persons.map((p) => p.id),
            start: start.toISOString(),
            durationMinutes: minutes,
            ...(byInside ? { notes: "Afspraak gemaakt door de binnendienst na telefonische acquisitie." } : {}),
          },
          options.now,
        );
        planned++;
      }
    }
  }
  return planned;
}
