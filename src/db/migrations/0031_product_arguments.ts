// The quote's arguments (issue 9): products carry their arguments (unique selling points), each tagged
// with the requirement it answers; relations carry the requirements heard from the customer, as a JSON
// list of short labels like product_interests. The quote shows a product's arguments whose requirement
// the relation has (domain/product-arguments.ts) and leaves out the others.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let args = c
    .id(db.schema.createTable("product_arguments"))
    .addColumn("product_id", "integer", (col) => col.notNull().references("products.id").onDelete("cascade"))
    // Order on the product page and the quote (0-based).
    .addColumn("position", "integer", (col) => col.notNull())
    // The requirement as typed ("Milieuvriendelijk") and its normalised key ("milieuvriendelijk").
    .addColumn("requirement", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull());
  args = c.key(args, "requirement_key", (col) => col.notNull());
  await args.execute();
  await db.schema.createIndex("product_arguments_product").on("product_arguments").columns(["product_id", "position"]).execute();
  // A JSON array of requirement labels, written only by the relations feature.
  await db.schema.alterTable("relations").addColumn("requirements", "text", (col) => col.notNull().defaultTo("[]")).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("relations").dropColumn("requirements").execute();
  await db.schema.dropTable("product_arguments").execute();
}
