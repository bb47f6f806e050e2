// Cross-selling suggestions for the visit sheet (issue 9, step 6): product groups that similar
// relations — same SBI section and class (the first four digits of the code) — bought in the window,
// and that this relation did not buy in it. Only group names and how many similar relations bought
// each are returned, never their revenue or their names: no other rayon's detail leaves here. What
// this relation bought is read through the viewer's sales scope: a role without debtor detail is
// refused, and outside the viewer's rayons the relation's own lines are not read (every peer group
// is then suggested, which says nothing about what it buys).
import { sql } from "kysely";
import { checkSalesQuery, type Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import { listProductGroups } from "../products/product.service.js";

export interface CrossSell {
  /** The relation's main SBI code the peers share section and class with; null: it has none. */
  sbiCode: string | null;
  /** Similar relations with any sales line in the window. */
  peers: number;
  groups: { group: { id: number; name: string }; relations: number }[];
}

const GROUP_LIMIT = 8;

/** `fromMonth` is yyyymm (inclusive): the window the caller chose, e.g. the last two years. */
export async function crossSellGroups(db: Db, viewer: Viewer, relationId: number, fromMonth: number): Promise<CrossSell> {
  const { refusals, rayons } = checkSalesQuery(viewer, { measures: ["revenue"], dimensions: ["debtor"], filterKeys: ["debtor"], rayonFilter: null, sortKeys: [] });
  if (refusals.length > 0) throw new AppError("forbidden", "Your role does not see the sales of single relations");
  const ownInScope = rayons === null ? sql`1 = 1` : rayons.length === 0 ? sql`1 = 0` : sql`b.rayon_id in (${sql.join([...rayons])})`;
  const own = await db.selectFrom("relation_sbi_codes").select(["sbi_code", "section"]).where("relation_id", "=", relationId).orderBy("position").limit(1).executeTakeFirst();
  if (!own) return { sbiCode: null, peers: 0, groups: [] };
  const sbiClass = own.sbi_code.slice(0, 4);
  const peersOf = sql`select distinct s.relation_id from relation_sbi_codes s
    where s.section = ${own.section} and substr(s.sbi_code, 1, 4) = ${sbiClass} and s.relation_id <> ${relationId}`;
  const rows = await sql<{ g: number; n: number }>`
    select l.product_group_id as g, count(distinct l.relation_id) as n
    from sales_lines l
    where l.relation_id in (${peersOf}) and l.month >= ${fromMonth} and l.credit = 0
      and l.product_group_id not in (select b.product_group_id from sales_lines b where b.relation_id = ${relationId} and b.month >= ${fromMonth} and ${ownInScope})
    group by l.product_group_id order by n desc, g`.execute(db);
  const peers = await sql<{ n: number }>`
    select count(distinct l.relation_id) as n from sales_lines l where l.relation_id in (${peersOf}) and l.month >= ${fromMonth}`.execute(db);
  const names = new Map((await listProductGroups(db)).map((g) => [g.id, g.name]));
  return {
    sbiCode: own.sbi_code,
    peers: Number(peers.rows[0]?.n ?? 0),
    groups: rows.rows.slice(0, GROUP_LIMIT).map((r) => ({ group: { id: Number(r.g), name: names.get(Number(r.g)) ?? "—" }, relations: Number(r.n) })),
  };
}
