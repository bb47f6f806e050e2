// A relation's own customers (DOMAIN.md: "who its own customers are — if we supply them too, that is
// a reference"), as links to other relations, each with the person there who may be called. The only
// writer of relation_customers. The names, places, statuses and contact persons it shows are CRM
// data every role reads on the relation card (the CRM is open); no figures are read here, so the
// references on a visit sheet tell a rep of another rayon nothing the relation card does not.
import { displayName, type Gender } from "../../domain/person-name.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import type { Db } from "../../db/kysely.js";
import { fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import type { CustomerLinkDto, CustomerLinkInputDto } from "./customer-link.schemas.js";

/** At most this many customers are listed for a relation (the sheet shows the references among them). */
const LINK_LIMIT = 200;

async function relationName(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom("relations").select("name").where("id", "=", id).executeTakeFirst();
  return row?.name ?? null;
}

/** The relation's customers, by name; references (our customers too) say so. */
export async function listCustomerLinks(db: Db, relationId: number): Promise<CustomerLinkDto[]> {
  if ((await relationName(db, relationId)) === null) throw notFound(`Relation ${relationId}`);
  const rows = await db
    .selectFrom("relation_customers as l")
    .innerJoin("relations as c", "c.id", "l.customer_id")
    // A person who left, or was erased, is no longer someone to call.
    .leftJoin("persons as p", (j) =>
      j
        .onRef("p.id", "=", "l.reference_person_id")
        .on("p.active", "=", 1)
        .on("p.id", "not in", (eb) => eb.selectFrom("person_erasures").select("person_id")),
    )
    .select([
      "c.id as customer_id",
      "c.name",
      "c.visit_city",
      "c.status",
      "p.id as person_id",
      "p.first_name",
      "p.initials",
      "p.infix",
      "p.last_name",
      "p.gender",
      "p.title",
      "p.job_title",
      "p.phone_direct",
      "p.phone_mobile",
    ])
    .where("l.relation_id", "=", relationId)
    .orderBy("c.name_key")
    .orderBy("c.id")
    .limit(LINK_LIMIT)
    .execute();
  return rows.map((r) => ({
    customer: { id: r.customer_id, name: r.name, city: r.visit_city, status: r.status as RelationStatus },
    isReference: r.status === "customer",
    referencePerson:
      r.person_id === null || r.last_name === null
        ? null
        : {
            id: r.person_id,
            name: displayName({ firstName: r.first_name, initials: r.initials, infix: r.infix, lastName: r.last_name, gender: (r.gender ?? "unknown") as Gender, title: r.title }),
            jobTitle: r.job_title,
            phone: r.phone_direct ?? r.phone_mobile,
          },
  }));
}

/** The references for a visit: the relation's customers that are our customers too. */
export async function referencesOf(db: Db, relationId: number): Promise<CustomerLinkDto[]> {
  return (await listCustomerLinks(db, relationId)).filter((l) => l.isReference);
}

/** Links a customer to the relation, or sets the link's reference contact when it is linked already. */
export async function linkCustomer(db: Db, user: AuthUser, relationId: number, input: CustomerLinkInputDto, now: Date): Promise<CustomerLinkDto[]> {
  const name = await relationName(db, relationId);
  if (name === null) throw notFound(`Relation ${relationId}`);
  if (input.customerId === relationId) throw invalid(fieldProblem("customerId", "customer_is_self"));
  const customer = await relationName(db, input.customerId);
  if (customer === null) throw invalid(fieldProblem("customerId", "relation_unknown"));
  const personId = input.referencePersonId ?? null;
  if (personId !== null) {
    const person = await db
      .selectFrom("persons")
      .select("id")
      .where("id", "=", personId)
      .where("relation_id", "=", input.customerId)
      .where("active", "=", 1)
      .where("id", "not in", (eb) => eb.selectFrom("person_erasures").select("person_id"))
      .executeTakeFirst();
    if (!person) throw invalid(fieldProblem("referencePersonId", "reference_person_not_of_customer"));
  }
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("relation_customers").select(["id", "reference_person_id"]).where("relation_id", "=", relationId).where("customer_id", "=", input.customerId).executeTakeFirst();
    if (existing) {
      // Left out: the reference contact stays as it is.
      if (input.referencePersonId !== undefined && existing.reference_person_id !== personId) {
        await trx.updateTable("relation_customers").set({ reference_person_id: personId }).where("id", "=", existing.id).execute();
      }
      return;
    }
    // Two requests linking the same customer at once: the second finds the pair taken and is done.
    const added = await trx
      .insertInto("relation_customers")
      .values({ relation_id: relationId, customer_id: input.customerId, reference_person_id: personId, created_by: user.id, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["relation_id", "customer_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!added) return;
    await writeAudit(trx, { entity: "relation", entityId: relationId, relationId, userId: user.id, at: now.toISOString() }, [["customer_link", null, `${customer} (#${input.customerId})`]]);
  });
  return listCustomerLinks(db, relationId);
}

export async function unlinkCustomer(db: Db, user: AuthUser, relationId: number, customerId: number, now: Date): Promise<CustomerLinkDto[]> {
  if ((await relationName(db, relationId)) === null) throw notFound(`Relation ${relationId}`);
  const removed = await db.deleteFrom("relation_customers").where("relation_id", "=", relationId).where("customer_id", "=", customerId).executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) {
    const customer = await relationName(db, customerId);
    await writeAudit(db, { entity: "relation", entityId: relationId, relationId, userId: user.id, at: now.toISOString() }, [["customer_link", `${customer ?? "?"} (#${customerId})`, null]]);
  }
  return listCustomerLinks(db, relationId);
}

/**
 * Merging relations (features/merge, inside its transaction): the duplicate's customers become the
 * survivor's and relations that listed the duplicate as customer list the survivor; a link the
 * survivor has already, or one from the survivor to itself, is dropped. Returns how many moved.
 */
export async function mergeCustomerLinksOf(trx: Db, survivorId: number, duplicateId: number): Promise<number> {
  // Four statements however many links: drop what would double or point at itself, move the rest.
  await trx
    .deleteFrom("relation_customers")
    .where("relation_id", "=", duplicateId)
    .where((eb) => eb.or([eb("customer_id", "=", survivorId), eb("customer_id", "in", eb.selectFrom("relation_customers as s").select("s.customer_id").where("s.relation_id", "=", survivorId))]))
    .execute();
  const mine = await trx.updateTable("relation_customers").set({ relation_id: survivorId }).where("relation_id", "=", duplicateId).executeTakeFirst();
  await trx
    .deleteFrom("relation_customers")
    .where("customer_id", "=", duplicateId)
    .where((eb) => eb.or([eb("relation_id", "=", survivorId), eb("relation_id", "in", eb.selectFrom("relation_customers as s").select("s.relation_id").where("s.customer_id", "=", survivorId))]))
    .execute();
  const theirs = await trx.updateTable("relation_customers").set({ customer_id: survivorId }).where("customer_id", "=", duplicateId).executeTakeFirst();
  return Number(mine.numUpdatedRows) + Number(theirs.numUpdatedRows);
}
