// "It pays to prepare" per rep (DOMAIN.md, discount; issue: agenda and visit preparation): half a
// percent less discount over the rep's year of revenue, against the preparation of the visits the
// visit norms ask of the rep's relations in a year, at the company's preparation time and hourly cost.
// The sheet shows the same sum for one relation (preparation.service.ts).
import type { Viewer } from "../../domain/access.js";
import { type AccountClass, isAccountClass } from "../../domain/account-class.js";
import { preparationPayback } from "../../domain/preparation-payback.js";
import { compliance, type RelationVisits } from "../../domain/visit-norms.js";
import type { AppContext } from "../../server/context.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { readPreparationSettings } from "../preparation/preparation.service.js";
import { runSalesReport } from "../sales/sales-report.routes.js";
import { classedRelations } from "./report.repository.js";

/** `repIds`: null = every rep (the viewer's team scope), else only these users. */
export async function preparationPaybackReport(ctx: AppContext, viewer: Viewer, year: number, repIds: readonly number[] | null) {
  const [settings, { visitNorms }, relations, sales, linked] = await Promise.all([
    readPreparationSettings(ctx.db),
    readCrmSettings(ctx.db),
    classedRelations(ctx.db, repIds?.length === 1 ? repIds[0] : undefined),
    // The rep lines of the VIS as this viewer may see them (a rep: their own line).
    runSalesReport(ctx, viewer, { measures: ["revenue"], dimensions: ["rep"], from: `${year}-01`, to: `${year}-12`, limit: 10_000 }),
    ctx.db.selectFrom("salespeople").select(["id", "user_id"]).where("user_id", "is not", null).execute(),
  ]);
  const userOfSalesperson = new Map(linked.map((s) => [s.id, s.user_id as number]));
  const revenue = new Map<number, number>();
  for (const row of sales.rows) {
    const user = userOfSalesperson.get(Number((row.rep as { key: number }).key));
    if (user !== undefined) revenue.set(user, (revenue.get(user) ?? 0) + Number(row.revenue ?? 0));
  }
  // Visits a year the norms ask of each rep's classed relations (domain/visit-norms.ts).
  const owned = new Map<number, RelationVisits[]>();
  for (const r of relations) {
    if (r.owner_id === null || !isAccountClass(r.account_class ?? "")) continue;
    const list = owned.get(r.owner_id) ?? [];
    list.push({ accountClass: r.account_class as AccountClass, visits: 0 });
    owned.set(r.owner_id, list);
  }
  const visits = new Map([...owned].map(([owner, list]) => [owner, compliance(list, visitNorms)]));
  const ids = [...new Set([...revenue.keys(), ...visits.keys()])].filter((id) => repIds === null || repIds.includes(id));
  const users = ids.length === 0 ? [] : await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).orderBy("name").execute();
  const reps = users.map((u) => {
    const yearRevenueCents = revenue.get(u.id) ?? 0;
    const norm = visits.get(u.id) ?? { visitsRequired: 0, relations: 0 };
    const preparationMinutes = norm.visitsRequired * settings.preparationMinutes;
    return {
      user: { id: u.id, name: u.name },
      yearRevenueCents,
      relations: norm.relations,
      visitsPerYear: norm.visitsRequired,
      preparationMinutes,
      ...preparationPayback({ yearRevenueCents, preparationMinutes, hourlyCostCents: settings.hourlyCostCents }),
    };
  });
  reps.sort((a, b) => b.gainCents - a.gainCents || a.user.name.localeCompare(b.user.name));
  return { year, preparationMinutesPerVisit: settings.preparationMinutes, hourlyCostCents: settings.hourlyCostCents, norms: { ...visitNorms }, reps };
}
