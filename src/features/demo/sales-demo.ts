// The living part of the demo company: products, quotes (with their advice), contact moments and
// follow-ups around "today", created through the real services so every derived row (quote events,
// totals, audit lines, follow-up links) is exactly what users would have produced.
import { addDays, addMonths, monthOf } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { amsterdamDate, amsterdamInstant } from "../../server/time.js";
import { createActivity } from "../activities/activity.service.js";
import type { AuthUser } from "../auth/auth-user.js";
import { createProduct, createProductGroup } from "../products/product.service.js";
import { createQuote, updateQuote } from "../quotes/quote.service.js";
import { toAuthUser } from "../users/user.service.js";
import { Random } from "./prng.js";

/** A moment of a working day: a weekend date moves back to its Friday; 08:00–16:45 Amsterdam time in quarters. */
function workingMoment(date: string, r: Random): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const day = weekday === 6 ? addDays(date, -1) : weekday === 0 ? addDays(date, -2) : date;
  const time = `${String(r.int(8, 16)).padStart(2, "0")}:${String(r.pick([0, 15, 30, 45])).padStart(2, "0")}`;
  return (amsterdamInstant(day, time) as Date).toISOString();
}

/** Products of a cleaning-services supplier: [group, code, name, unit, list price ¢, cost price ¢]. */
const PRODUCTS = [
  ["Schoonmaak", "SCH-KANT", "Dagelijkse kantoorschoonmaak (per m² per maand)", "m2", 165, 121],
  ["Schoonmaak", "SCH-SAN", "Sanitair reinigen (per unit per maand)", "stuk", 2450, 1710],
  ["Schoonmaak", "SCH-ZORG", "Schoonmaak zorglocatie (per m² per maand)", "m2", 215, 160],
  ["Schoonmaak", "SCH-ONDW", "Schoonmaak onderwijs (per m² per maand)", "m2", 140, 104],
  ["Glas en gevel", "GLS-BIN", "Glasbewassing binnenzijde (per m²)", "m2", 95, 58],
  ["Glas en gevel", "GLS-BUI", "Glasbewassing buitenzijde (per m²)", "m2", 110, 66],
  ["Glas en gevel", "GEV-REIN", "Gevelreiniging (per m²)", "m2", 675, 430],
  ["Vloeren", "VLR-ONDH", "Periodiek vloeronderhoud (per m²)", "m2", 240, 150],
  ["Vloeren", "VLR-TAP", "Tapijtreiniging sproei-extractie (per m²)", "m2", 325, 190],
  ["Specialistisch", "SPC-BOUW", "Bouwopleveringsschoonmaak (per uur)", "uur", 4250, 2900],
  ["Specialistisch", "SPC-DESI", "Desinfectie na besmetting (per uur)", "uur", 6500, 4100],
  ["Hygiëne", "HYG-DISP", "Zeep- en handdoekdispenser (huur per maand)", "stuk", 450, 180],
  ["Hygiëne", "HYG-ABON", "Hygiëne-abonnement sanitair (per maand)", "stuk", 3900, 2300],
  ["Hygiëne", "HYG-BOEK", "Handboek hygiëneprotocol (per exemplaar)", "stuk", 2950, 1400],
] as const;
/** Products at the reduced VAT rate (a printed book: 9 %); every other service carries 21 %. */
const LOW_VAT = new Set<string>(["HYG-BOEK"]);

const NOTES = [
  "Rondleiding gehad door het pand; vooral de sanitaire ruimtes vragen aandacht.",
  "Huidige leverancier levert wisselende kwaliteit, klachten over de glasbewassing.",
  "Facilitair manager wil een voorstel voor de zomerperiode, budget volgt na de begroting.",
  "DMU in kaart: directeur beslist, office manager is poortwachter.",
  "Eerste kennismaking; interesse in groene schoonmaak en minder chemie.",
  "Evaluatie na drie maanden: tevreden over de vaste schoonmaker, wensen rond de vloeren.",
  "Prijs vergeleken met de concurrent; wij zitten ongeveer 4 % hoger, kwaliteit weegt zwaarder.",
] as const;
const NEXT_ACTIONS = ["Offerte nabellen", "Afspraak maken voor rondleiding", "Prijsvoorstel sturen", "Evaluatiegesprek plannen", "Referentie opsturen"] as const;
const KINDS = ["visit", "phone_call", "email", "demo", "quote_meeting", "after_sales_visit"] as const;
const LOST_REASONS = ["Prijs te hoog", "Kiest voor huidige leverancier", "Project uitgesteld"] as const;

export interface SalesDemoSummary {
  products: number;
  quotes: number;
  contactMoments: number;
}

async function usersWithRole(db: Db, roles: string[]): Promise<AuthUser[]> {
  const rows = await db.selectFrom("users").selectAll().where("role", "in", roles).orderBy("id").execute();
  return Promise.all(rows.map((r) => toAuthUser(db, r)));
}

async function createProducts(db: Db, admin: AuthUser, now: Date): Promise<{ id: number; unit: string }[]> {
  const groups = new Map<string, number>();
  const products: { id: number; unit: string }[] = [];
  for (const [group, code, name, unit, listPriceCents, costPriceCents] of PRODUCTS) {
    if (!groups.has(group)) groups.set(group, (await createProductGroup(db, { name: group })).id);
    const vatCategory = LOW_VAT.has(code) ? "low" : "high";
    const created = await createProduct(db, admin, { code, name, unit, vatCategory, groupId: groups.get(group) ?? null, listPriceCents, costPriceCents, launchDate: "2022-01-01" }, now);
    products.push({ id: created.id, unit });
  }
  return products;
}

/**
 * Per field rep: quotes on some of their prospects and customers (open ones spread over the coming
 * months, a few already stale, some won or lost) and a year of contact moments, with follow-ups
 * that fall overdue, today and in the coming weeks, so "Mijn dag" and the forecast have content.
 */
export async function seedSalesDemo(db: Db, options: { seed: number; now: Date }): Promise<SalesDemoSummary> {
  const r = new Random(options.seed * 7919 + 17);
  const today = amsterdamDate(options.now);
  const [admin] = await usersWithRole(db, ["admin"]);
  if (!admin) return { products: 0, quotes: 0, contactMoments: 0 };
  const products = await createProducts(db, admin, options.now);
  const reps = await usersWithRole(db, ["field_sales"]);
  let quotes = 0;
  let contactMoments = 0;

  for (const rep of reps) {
    const relations = await db
      .selectFrom("relations")
      .select(["id", "status"])
      .where("owner_id", "=", rep.id)
      .where("status", "in", ["prospect", "customer"])
      .orderBy("id")
      .limit(60)
      .execute();
    for (const [index, relation] of relations.entries()) {
      const persons = await db.selectFrom("persons").select("id").where("relation_id", "=", relation.id).orderBy("id").execute();
      const personIds = persons.slice(0, 1).map((p) => p.id);

      // A year of contact, newest last; the newest may carry the next action.
      const count = r.int(1, 4);
      for (let i = 0; i < count; i++) {
        // On a working day, between 08:00 and 17:00 on the Amsterdam clock, as a rep's visits and calls are.
        const occurredAt = workingMoment(addDays(today, -r.int(1, 360)), r);
        const last = i === count - 1;
        const followUp = last && r.chance(0.6) ? { action: r.pick(NEXT_ACTIONS), dueDate: addDays(today, r.int(-10, 25)) } : undefined;
        await createActivity(
          db,
          rep,
          relation.id,
          {
            kind: r.pick(KINDS),
            occurredAt,
            personIds,
            notes: r.pick(NOTES),
            ...(r.chance(0.3) ? { internalNotes: "Intern: concurrent zit scherp in de prijs." } : {}),
            ...(r.chance(0.4) ? { winChance: r.pick([20, 35, 50, 70]) } : {}),
            ...(followUp ? { followUp } : {}),
          },
          options.now,
        );
        contactMoments++;
      }

      if (index % 2 !== 0) continue;
      const lines = r.sample(products, r.int(1, 3)).map((p) => ({ productId: p.id, quantity: p.unit === "m2" ? r.int(200, 4000) : r.int(2, 40) }));
      const decisionMonth = addMonths(monthOf(today), r.int(-1, 6));
      // Sent on a working day in the past five months, so the forecast "as of" a past date and the
      // days to a decision show real figures; later changes fall between then and now.
      const sentDaysAgo = r.int(10, 150);
      const at = (daysAgo: number) => new Date(workingMoment(addDays(today, -daysAgo), r));
      const quote = await createQuote(
        db,
        rep,
        { relationId: relation.id, contactPersonId: personIds[0] ?? null, lines, probability: r.pick([20, 35, 50, 60, 75, 90]), decisionMonth, status: "sent" },
        at(sentDaysAgo),
      );
      quotes++;
      // Some quotes are decided already: won ones became orders, lost ones keep their reason.
      if (r.chance(0.25)) {
        const won = r.chance(0.5);
        await updateQuote(db, rep, quote.id, quote.version, won ? { status: "won" } : { status: "lost", lostReason: r.pick(LOST_REASONS) }, at(r.int(1, sentDaysAgo - 5)));
      } else if (r.chance(0.4)) {
        // An open quote whose chance was raised after a follow-up talk.
        await updateQuote(db, rep, quote.id, quote.version, { probability: Math.min(90, quote.probability + 15) }, at(r.int(1, sentDaysAgo - 5)));
      }
    }
  }
  return { products: products.length, quotes, contactMoments };
}

