// References (issue 9): a relation's own customers, recorded as links to other relations. Those that
// are our customers too are references on the visit sheet, with the person there who may be called.
// Written only by the customer-links feature. A relation lists another once; the reference contact
// goes when that person is deleted (set null), the link when either relation is.
//
// The relation's requirements (migration 0031) stay a JSON text column: from this version each item
// is an object (label, kind, hard, willingToPay, supplierScore, supplierNote; domain/requirements.ts),
// and a bare label kept before reads as a soft product requirement, so no data needs rewriting.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let links = c
    .id(db.schema.createTable("relation_customers"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addColumn("customer_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    // A person of the customer who may be called as a reference.
    .addColumn("reference_person_id", "integer", (col) => col.references("persons.id").onDelete("set null"))
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  links = c.instant(links, "created_at", (col) => col.notNull());
  await links.execute();
  await db.schema.createIndex("relation_customers_pair").on("relation_customers").columns(["relation_id", "customer_id"]).unique().execute();
  // Merging and deleting find the links that point at a relation as customer.
  await db.schema.createIndex("relation_customers_customer").on("relation_customers").columns(["customer_id"]).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("relation_customers").execute();
}
