// Products (shared with the sales information system later), quotes with their lines, the history of
// every forecast-relevant change, the quote advice the rep followed or overruled, and the settings of
// the advice (chance threshold; acceptable decision term per market segment).
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  // The acceptable term (months from now to the decision) differs per industry: set per segment.
  await s.alterTable("market_segments").addColumn("max_decision_months", "integer").execute();

  let groups = c.id(s.createTable("product_groups")).addColumn("code", "text", (col) => col.unique()).addColumn("name", "text", (col) => col.notNull());
  groups = c.key(groups, "name_key", (col) => col.notNull().unique());
  await groups.execute();

  let products = c.id(s.createTable("products")).addColumn("code", "text", (col) => col.notNull());
  // code_key: the code in lower case; codes are unique regardless of case ("ab-12" = "AB-12").
  products = c.key(products, "code_key", (col) => col.notNull().unique());
  products = products.addColumn("name", "text", (col) => col.notNull());
  products = c.key(products, "name_key", (col) => col.notNull());
  // search_key: " " + normalised words of code and name, for word-prefix search with LIKE '% word%'.
  products = c.key(products, "search_key", (col) => col.notNull());
  products = products
    .addColumn("unit", "text", (col) => col.notNull().defaultTo("stuk"))
    .addColumn("group_id", "integer", (col) => col.references("product_groups.id").onDelete("set null"))
    .addColumn("segment_id", "integer", (col) => col.references("market_segments.id").onDelete("set null"));
  products = c.cents(products, "list_price_cents", (col) => col.notNull().defaultTo(0));
  products = c.cents(products, "cost_price_cents");
  products = c.date(products, "launch_date");
  products = c.bool(products, "active", true);
  products = c.instant(products, "created_at", (col) => col.notNull());
  products = c.instant(products, "updated_at", (col) => col.notNull());
  await products.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();
  await s.createIndex("products_name").on("products").columns(["name_key", "id"]).execute();
  await s.createIndex("products_group").on("products").columns(["group_id", "name_key"]).execute();
  await s.createIndex("products_segment").on("products").columns(["segment_id"]).execute();

  let quotes = c.id(s.createTable("quotes"))
    // "OV87-3": base_number 87, revision 3. Every revision is its own row; earlier ones stay as history.
    .addColumn("base_number", "integer", (col) => col.notNull())
    .addColumn("revision", "integer", (col) => col.notNull())
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id"))
    .addColumn("contact_person_id", "integer", (col) => col.references("persons.id").onDelete("set null"))
    .addColumn("rep_id", "integer", (col) => col.notNull().references("users.id"))
    .addColumn("title", "text")
    .addColumn("status", "text", (col) => col.notNull())
    // Whole percent 0–100.
    .addColumn("probability", "integer", (col) => col.notNull())
    // YYYY-MM; from decision_date when a date is known.
    .addColumn("decision_month", "text", (col) => col.notNull());
  quotes = c.date(quotes, "decision_date");
  quotes = c.date(quotes, "valid_until");
  quotes = c.cents(quotes, "total_cents", (col) => col.notNull());
  // Σ line quantities in thousandths of the unit (volume for the forecast, exact).
  quotes = quotes.addColumn("units_milli", "bigint", (col) => col.notNull().defaultTo(0));
  quotes = quotes.addColumn("lost_reason", "text").addColumn("competitor_won", "text");
  quotes = c.date(quotes, "sent_on");
  quotes = c.date(quotes, "decided_on");
  quotes = quotes.addColumn("notes", "text").addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  quotes = c.instant(quotes, "created_at", (col) => col.notNull());
  quotes = c.instant(quotes, "updated_at", (col) => col.notNull());
  quotes = quotes.addColumn("version", "integer", (col) => col.notNull().defaultTo(1));
  await quotes.addUniqueConstraint("quotes_number", ["base_number", "revision"]).execute();
  for (const [name, cols] of [
    // Covers the forecast: open quotes of a month range are summed from the index alone.
    ["quotes_forecast", ["status", "decision_month", "probability", "total_cents", "units_milli", "rep_id"]],
    ["quotes_rep", ["rep_id", "id"]],
    ["quotes_relation", ["relation_id", "id"]],
    ["quotes_decided", ["decided_on"]],
  ] as const) {
    await s.createIndex(name).on("quotes").columns([...cols]).execute();
  }

  let lines = c.id(s.createTable("quote_lines"))
    .addColumn("quote_id", "integer", (col) => col.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("product_id", "integer", (col) => col.references("products.id"))
    .addColumn("description", "text", (col) => col.notNull())
    // Thousandths of the product's unit: 12.5 m² is 12500.
    .addColumn("quantity_milli", "bigint", (col) => col.notNull());
  lines = c.cents(lines, "unit_price_cents", (col) => col.notNull());
  // Discount in basis points: 250 = 2.5 %.
  lines = lines.addColumn("discount_bp", "integer", (col) => col.notNull().defaultTo(0));
  lines = c.cents(lines, "amount_cents", (col) => col.notNull());
  await lines.execute();
  await s.createIndex("quote_lines_quote").on("quote_lines").columns(["quote_id", "position"]).execute();
  await s.createIndex("quote_lines_product").on("quote_lines").columns(["product_id"]).execute();

  // History of what the forecast depends on. A "created" event carries the full state; a "changed"
  // event only the fields that changed (others null). `at` is the Amsterdam date of the change.
  let events = c.id(s.createTable("quote_events"))
    .addColumn("quote_id", "integer", (col) => col.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull());
  events = c.date(events, "at", (col) => col.notNull());
  events = c.instant(events, "recorded_at", (col) => col.notNull());
  events = events
    .addColumn("user_id", "integer", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("probability", "integer")
    .addColumn("decision_month", "text")
    .addColumn("status", "text");
  events = c.cents(events, "amount_cents");
  events = events.addColumn("units_milli", "bigint");
  await events.execute();
  await s.createIndex("quote_events_at").on("quote_events").columns(["at", "id"]).execute();
  await s.createIndex("quote_events_quote").on("quote_events").columns(["quote_id", "id"]).execute();

  // The advice whether to quote, as it stood when the rep decided, and the rep's decision.
  let advice = s
    .createTable("quote_advice")
    .addColumn("quote_id", "integer", (col) => col.primaryKey().references("quotes.id").onDelete("cascade"))
    .addColumn("verdict", "text", (col) => col.notNull())
    // JSON: the rep's answers, the five criteria, the reasons and the settings used.
    .addColumn("answers", "text", (col) => col.notNull())
    .addColumn("criteria", "text", (col) => col.notNull())
    .addColumn("reasons", "text", (col) => col.notNull())
    .addColumn("settings", "text", (col) => col.notNull());
  advice = c.bool(advice, "overruled", false);
  advice = advice
    .addColumn("overrule_reason", "text")
    .addColumn("decided_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  advice = c.date(advice, "decided_on", (col) => col.notNull());
  await advice.execute();

  await db
    .insertInto("app_settings")
    .values([
      // DOMAIN.md: quote only when the chance on facts is above 35–40 %.
      { key: "quotes.chance_threshold", value: "35" },
      // The last allocated quote number; its row is also the lock that serialises allocation.
      { key: "quotes.number_seq", value: "0" },
    ])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom("app_settings").where("key", "in", ["quotes.chance_threshold", "quotes.number_seq"]).execute();
  for (const table of ["quote_advice", "quote_events", "quote_lines", "quotes", "products", "product_groups"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("market_segments").dropColumn("max_decision_months").execute();
}
