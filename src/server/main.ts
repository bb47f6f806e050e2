// `npm start`: read the configuration, prepare the database, serve the API and the web app.
import { type Config, ConfigError, loadConfig, readEnvironment } from "../config.js";
import { openDatabase } from "../db/kysely.js";
import { buildApp, mailReceiverOf } from "./app.js";
import { prepareDatabase } from "./prepare.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Koers cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const handle = openDatabase(config.database);
  const prepared = await prepareDatabase(handle, { demo: config.demo, now: new Date(), config });
  const app = await buildApp({ db: handle.db, engine: handle.engine, config, now: () => new Date() }, { logger: true });
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.engine === "sqlite" ? config.database.file : "PostgreSQL";
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(`\nKoers is running at ${url}  (database: ${where})`);
  console.log(`API docs: ${url}/api/docs`);
  const receiver = mailReceiverOf(app);
  if (receiver && config.mailLog?.receiver) console.log(`Mail log: SMTP on ${config.mailLog.receiver.host}:${receiver.port} for log+…@${config.mailLog.domain}`);
  const imap = config.mailLog?.imap;
  // The login and the password are not shown: the log may be read by others than the administrator.
  if (imap && config.mailLog) console.log(`Mail log: IMAP mailbox ${imap.mailbox} on ${imap.host}:${imap.port} every ${imap.pollSeconds} s for log+…@${config.mailLog.domain}`);
  if (prepared.demo) {
    const { relations, persons, sales, salesLines } = prepared.demo;
    console.log(`\nDemo company loaded: ${relations} relations, ${persons} persons, ${sales.quotes} quotes, ${sales.contactMoments} contact moments, ${salesLines.lines} invoice lines.`);
  }
  if (prepared.demoLogins.length > 0) {
    console.log("\nDemo logins (KOERS_DEMO=0 hides them):");
    for (const u of prepared.demoLogins) console.log(`  ${u.role.padEnd(14)} ${u.email.padEnd(28)} password: ${u.password}`);
  }
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("Koers stopped with an error:", error instanceof Error ? error.message : error);
  process.exit(1);
});
