// First set-up and scripting: migrate, demo data, users and API tokens.
import { Presets, SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import { ROLES } from "../domain/roles.js";
import { createApiToken } from "../features/auth/session.service.js";
import { seedDemo } from "../features/demo/demo.service.js";
import { seedSalesLinesDemo } from "../features/demo/sales-lines-demo.js";
import { findUserByEmail } from "../features/users/user.repository.js";
import { addUser } from "../features/users/user.service.js";
import { startPasswordReset } from "../features/users/password-reset.service.js";
import { AppError } from "../server/errors.js";
import { withDatabase } from "./session.js";

function positiveInt(value: string): number {
  const n = Number(value.replace(/[_.,]/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

export function registerAdminCommands(program: Command): void {
  program
    .command("migrate")
    .description("bring the database schema up to date (also done on every start)")
    .action(async () => {
      await withDatabase(async () => {
        console.log("database is up to date");
      });
    });

  program
    .command("demo")
    .description("load the deterministic demo company into an empty database")
    .option("--size <relations>", "number of relations (100000+ for benchmarks)", positiveInt, 2000)
    .option("--seed <n>", "random seed", positiveInt, 1)
    .action(async (opts: { size: number; seed: number }) => {
      await withDatabase(async (handle, config) => {
        const { db } = handle;
        const anyRelation = await db.selectFrom("relations").select("id").limit(1).executeTakeFirst();
        if (anyRelation) throw new AppError("conflict", "the database already holds relations; demo data goes into an empty database only");
        const bar = new SingleBar({ format: "loading relations [{bar}] {value}/{total} {eta_formatted}", stream: process.stderr }, Presets.shades_classic);
        bar.start(opts.size, 0);
        const summary = await seedDemo(db, { relations: opts.size, seed: opts.seed, onProgress: (done) => bar.update(done) }, new Date()).finally(() => bar.stop());
        const lines = await seedSalesLinesDemo(handle, config, { seed: opts.seed, now: new Date() });
        console.log(
          `demo company loaded: ${summary.relations} relations, ${summary.persons} persons, ${summary.sales.products} products, ${summary.sales.quotes} quotes, ${summary.sales.contactMoments} contact moments, ${lines.lines} invoice lines`,
        );
        for (const u of summary.users) console.log(`  ${u.role.padEnd(14)} ${u.email.padEnd(28)} password: ${u.password}`);
      });
    });

  const user = program.command("user").description("manage users");
  user
    .command("add")
    .description("add a user who can log in")
    .requiredOption("--email <email>", "login e-mail address")
    .requiredOption("--name <name>", "full name")
    .addOption(new Option("--role <role>", "role").choices(ROLES).makeOptionMandatory())
    .requiredOption("--password <password>", "initial password (at least 8 characters)")
    .option("--profit-responsible", "may see gross margin in sales figures", false)
    .option("--rayon <name...>", "rayon(s) the user works in (created when new)")
    .action(async (opts: { email: string; name: string; role: string; password: string; profitResponsible: boolean; rayon?: string[] }) => {
      await withDatabase(async ({ db }) => {
        const created = await addUser(
          db,
          { email: opts.email, name: opts.name, role: opts.role, password: opts.password, profitResponsible: opts.profitResponsible, rayonNames: opts.rayon ?? [] },
          new Date(),
        );
        console.log(`user ${opts.email.trim().toLowerCase()} added (id ${created.id}, role ${opts.role})`);
      });
    });

  user
    .command("password-link")
    .description("make a one-time link (24 h) with which a user chooses a password; mailed when KOERS_SMTP_HOST is set, else printed")
    .requiredOption("--email <email>", "the user")
    .action(async (opts: { email: string }) => {
      await withDatabase(async ({ db }, config) => {
        const found = await findUserByEmail(db, opts.email);
        if (!found) throw new AppError("not_found", `no user with e-mail ${opts.email}`);
        const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
        const link = await startPasswordReset(db, null, found.id, base, config.smtp, new Date());
        console.log(link.delivery === "sent" ? `password link mailed to ${link.email} (valid until ${link.expiresAt})` : `${link.url}\n(valid once, until ${link.expiresAt})`);
      });
    });

  program
    .command("token")
    .description("API tokens for integrations")
    .command("create")
    .description("create an API token for a user; prints only the token")
    .requiredOption("--email <email>", "the user the token acts for")
    .option("--name <name>", "what the token is for", "cli")
    .action(async (opts: { email: string; name: string }) => {
      await withDatabase(async ({ db }) => {
        const found = await findUserByEmail(db, opts.email);
        if (!found) throw new AppError("not_found", `no user with e-mail ${opts.email}`);
        process.stdout.write(`${await createApiToken(db, found.id, opts.name, new Date())}\n`);
      });
    });
}
