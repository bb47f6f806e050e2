// Configuration is read once, validated and frozen; nothing else reads process.env.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export type DatabaseConfig =
  | { readonly engine: "sqlite"; readonly file: string }
  | { readonly engine: "postgres"; readonly url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Load the demo company on first start (empty database only). */
  readonly demo: boolean;
  /** Session lifetime in hours, sliding: each request within it extends it (the idle timeout). */
  readonly sessionHours: number;
  /** A session ends this many hours after login, however active (the absolute timeout). */
  readonly sessionMaxHours: number;
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; empty: none, the
   * connection's own address counts (so the per-IP login limit cannot be dodged with a made-up header).
   */
  readonly trustProxy: readonly string[];
  /** Set the Secure flag on cookies (behind HTTPS). */
  readonly secureCookies: boolean;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Background jobs run at the same time by this instance, one worker thread each. */
  readonly jobThreads: number;
  /**
   * Where password links are sent from; null: no mail server, the administrator sees the link and
   * passes it on himself.
   */
  readonly smtp: SmtpConfig | null;
  /** The address users open Koers at ("https://crm.glansrijk.nl"), for links in e-mails; null: the request's own. */
  readonly publicUrl: string | null;
  /** Optional OSRM server for road travel times (features/planning/osrm.ts); null: the haversine model. */
  readonly osrmUrl: string | null;
  /**
   * Optional live geocoder (PDOK Locatieserver, features/geo/pdok.ts) asked by the geocode job for
   * addresses with a full postcode and house number; null: offline tables only.
   */
  readonly geocoder: GeocoderConfig | null;
  /**
   * Personal logging (BCC) addresses (features/mail-intake): received by the built-in SMTP receiver,
   * read from an IMAP mailbox, or both; null: neither is set, Koers takes no mail.
   */
  readonly mailLog: MailLogConfig | null;
}

export interface GeocoderConfig {
  /** Base address of the Locatieserver search API, without a trailing slash (…/search/v3_1). */
  readonly url: string;
  /** Per request, milliseconds. */
  readonly timeoutMs: number;
}

export interface MailLogConfig {
  /** The domain of the logging addresses, lower case: log+<token>@<domain>. */
  readonly domain: string;
  /** Largest message taken, in bytes (SMTP: announced with SIZE, refused above with 552; IMAP: skipped). */
  readonly maxBytes: number;
  /** The built-in SMTP receiver (KOERS_MAIL_LOG_PORT); null: not started. */
  readonly receiver: MailReceiverConfig | null;
  /** The IMAP mailbox read by the mail.imap job (KOERS_MAIL_IMAP_HOST); null: not read. */
  readonly imap: MailImapConfig | null;
}

export interface MailReceiverConfig {
  /** TCP port of the receiver (0: any free port, for tests). */
  readonly port: number;
  readonly host: string;
}

export interface MailImapConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (993); off: plain, upgraded with STARTTLS (refused without it unless allowPlain). */
  readonly tls: boolean;
  /** KOERS_MAIL_IMAP_ALLOW_PLAIN: with TLS off, a server without STARTTLS is read in plain text (password included). */
  readonly allowPlain: boolean;
  readonly user: string;
  /** From KOERS_MAIL_IMAP_PASSWORD or read once from KOERS_MAIL_IMAP_PASSWORD_FILE; never logged or stored. */
  readonly password: string;
  readonly mailbox: string;
  /** Seconds between two reads of the mailbox. */
  readonly pollSeconds: number;
  /** Folder a stored message is moved to; null: it is marked \Seen and stays. */
  readonly moveTo: string | null;
}

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** The sender, e.g. "Koers <koers@glansrijk.nl>". */
  readonly from: string;
  /** TLS from the first byte (port 465); otherwise plain (a relay on the local network). */
  readonly secure: boolean;
  readonly user: string | null;
  readonly password: string | null;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_DATABASE_URL = "sqlite:./data/koers.sqlite";

export function parseDatabaseUrl(raw: string): DatabaseConfig {
  if (raw.startsWith("sqlite:")) {
    const file = raw.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (file === "") throw new ConfigError("DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/koers.sqlite");
    return Object.freeze({ engine: "sqlite", file: file === ":memory:" ? file : resolve(file) });
  }
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL: ${raw}`);
    }
    return Object.freeze({ engine: "postgres", url: raw });
  }
  throw new ConfigError(
    `DATABASE_URL must start with sqlite: or postgres:// (got "${raw}"). Examples: sqlite:./data/koers.sqlite, postgres://user@127.0.0.1:5432/koers`,
  );
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  }
  return port;
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (got "${raw}")`);
}

function parsePositive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number (got "${raw}")`);
  return n;
}

/** "10.0.0.1, 10.1.0.0/16" → the list; "" or unset → none. */
function parseProxies(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === "" || raw.trim().toLowerCase() === "off") return Object.freeze([]);
  const list = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const p of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p)) throw new ConfigError(`KOERS_TRUST_PROXY must list IP addresses or CIDR ranges, e.g. 10.0.0.1,10.1.0.0/16 (got "${p}")`);
  }
  return Object.freeze(list);
}

function parseSmtp(env: Env): SmtpConfig | null {
  const host = env.KOERS_SMTP_HOST?.trim() ?? "";
  if (host === "") return null;
  const from = env.KOERS_SMTP_FROM?.trim() ?? "";
  if (!/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(from)) {
    throw new ConfigError(`KOERS_SMTP_FROM must be the sender's address, e.g. "Koers <koers@example.nl>" (got "${from}")`);
  }
  const secure = parseFlag("KOERS_SMTP_SECURE", env.KOERS_SMTP_SECURE, false);
  const port = env.KOERS_SMTP_PORT === undefined || env.KOERS_SMTP_PORT === "" ? (secure ? 465 : 25) : parsePort(env.KOERS_SMTP_PORT);
  const user = env.KOERS_SMTP_USER?.trim() || null;
  return Object.freeze({ host, port, from, secure, user, password: user ? (env.KOERS_SMTP_PASSWORD ?? "") : null });
}

/** An http(s) address from a setting, or null when unset; `example` shows the expected form. */
function parseHttpUrl(name: string, raw: string | undefined, example: string): URL | null {
  if (raw === undefined || raw.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`${name} must be a web address such as ${example} (got "${raw}")`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.username !== "" || url.password !== "") {
    throw new ConfigError(`${name} must be an http:// or https:// address without query or credentials, such as ${example} (got "${raw}")`);
  }
  return url;
}

/** KOERS_PUBLIC_URL: where users open Koers, without a trailing slash. */
function parsePublicUrl(raw: string | undefined): string | null {
  const url = parseHttpUrl("KOERS_PUBLIC_URL", raw, "https://crm.example.nl");
  return url ? url.origin + url.pathname.replace(/\/+$/, "") : null;
}

/** KOERS_OSRM_URL: an OSRM server, or unset. */
function parseOsrmUrl(raw: string | undefined): string | null {
  return parseHttpUrl("KOERS_OSRM_URL", raw, "http://127.0.0.1:5000")?.href.replace(/\/+$/, "") ?? null;
}

/** KOERS_GEOCODER_URL (+ KOERS_GEOCODER_TIMEOUT_MS): a PDOK Locatieserver, or unset. */
function parseGeocoder(env: Env): GeocoderConfig | null {
  const url = parseHttpUrl("KOERS_GEOCODER_URL", env.KOERS_GEOCODER_URL, "https://api.pdok.nl/bzk/locatieserver/search/v3_1");
  if (!url) return null;
  if (url.hash !== "") throw new ConfigError(`KOERS_GEOCODER_URL must not hold a fragment (got "${env.KOERS_GEOCODER_URL}")`);
  const timeoutMs = parsePositive("KOERS_GEOCODER_TIMEOUT_MS", env.KOERS_GEOCODER_TIMEOUT_MS, 5000);
  if (!Number.isInteger(timeoutMs) || timeoutMs > 60_000) throw new ConfigError(`KOERS_GEOCODER_TIMEOUT_MS must be a whole number of milliseconds up to 60000 (got "${env.KOERS_GEOCODER_TIMEOUT_MS}")`);
  return Object.freeze({ url: url.href.replace(/\/+$/, ""), timeoutMs });
}

/** 25 MiB: the usual limit of mail servers; an attachment of 10 MB is about 13.7 MB in base64. */
export const DEFAULT_MAIL_LOG_MAX_BYTES = 25 * 1024 * 1024;

function parseMailReceiver(env: Env, fallbackHost: string): MailReceiverConfig | null {
  const rawPort = env.KOERS_MAIL_LOG_PORT?.trim() ?? "";
  if (rawPort === "" || rawPort.toLowerCase() === "off") return null;
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`KOERS_MAIL_LOG_PORT must be a whole number from 0 to 65535 (got "${rawPort}")`);
  const host = env.KOERS_MAIL_LOG_HOST?.trim() || fallbackHost;
  return Object.freeze({ port, host });
}

/** The IMAP password: from the setting itself or from a file (one secret per file, a trailing newline dropped). */
function imapPassword(env: Env): string {
  const direct = env.KOERS_MAIL_IMAP_PASSWORD;
  const file = env.KOERS_MAIL_IMAP_PASSWORD_FILE?.trim() ?? "";
  if (direct !== undefined && direct !== "" && file !== "") throw new ConfigError("Set KOERS_MAIL_IMAP_PASSWORD or KOERS_MAIL_IMAP_PASSWORD_FILE, not both");
  if (file !== "") {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new ConfigError(`KOERS_MAIL_IMAP_PASSWORD_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): ${file}`);
    }
    const password = text.replace(/\r?\n$/, "");
    if (password === "") throw new ConfigError(`KOERS_MAIL_IMAP_PASSWORD_FILE is empty: ${file}`);
    return password;
  }
  if (direct === undefined || direct === "") throw new ConfigError("KOERS_MAIL_IMAP_HOST is set: set KOERS_MAIL_IMAP_PASSWORD or KOERS_MAIL_IMAP_PASSWORD_FILE too");
  return direct;
}

function parseMailImap(env: Env): MailImapConfig | null {
  const host = env.KOERS_MAIL_IMAP_HOST?.trim() ?? "";
  if (host === "" || host.toLowerCase() === "off") return null;
  const tls = parseFlag("KOERS_MAIL_IMAP_TLS", env.KOERS_MAIL_IMAP_TLS, true);
  const rawPort = env.KOERS_MAIL_IMAP_PORT?.trim() ?? "";
  const port = rawPort === "" ? (tls ? 993 : 143) : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`KOERS_MAIL_IMAP_PORT must be a whole number from 1 to 65535 (got "${rawPort}")`);
  const user = env.KOERS_MAIL_IMAP_USER?.trim() ?? "";
  if (user === "") throw new ConfigError("KOERS_MAIL_IMAP_HOST is set: set KOERS_MAIL_IMAP_USER (the mailbox's login) too");
  const mailbox = env.KOERS_MAIL_IMAP_MAILBOX?.trim() || "INBOX";
  const rawPoll = env.KOERS_MAIL_IMAP_POLL_SECONDS?.trim() ?? "";
  const pollSeconds = rawPoll === "" ? 60 : Number(rawPoll);
  if (!Number.isInteger(pollSeconds) || pollSeconds < 10 || pollSeconds > 86_400) {
    throw new ConfigError(`KOERS_MAIL_IMAP_POLL_SECONDS must be a whole number of seconds from 10 to 86400 (got "${rawPoll}")`);
  }
  const moveTo = env.KOERS_MAIL_IMAP_MOVE_TO?.trim() || null;
  if (moveTo !== null && moveTo === mailbox) throw new ConfigError(`KOERS_MAIL_IMAP_MOVE_TO must be another folder than the mailbox read (${mailbox})`);
  const allowPlain = parseFlag("KOERS_MAIL_IMAP_ALLOW_PLAIN", env.KOERS_MAIL_IMAP_ALLOW_PLAIN, false);
  return Object.freeze({ host, port, tls, allowPlain, user, password: imapPassword(env), mailbox, pollSeconds, moveTo });
}

function parseMailLog(env: Env, fallbackHost: string): MailLogConfig | null {
  const receiver = parseMailReceiver(env, fallbackHost);
  const imap = parseMailImap(env);
  if (receiver === null && imap === null) return null;
  const domain = (env.KOERS_MAIL_LOG_DOMAIN ?? "").trim().toLowerCase();
  if (!/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(domain)) {
    throw new ConfigError(`KOERS_MAIL_LOG_DOMAIN must be the mail domain of the logging addresses, e.g. crm.glansrijk.nl (got "${env.KOERS_MAIL_LOG_DOMAIN ?? ""}")`);
  }
  const rawMax = env.KOERS_MAIL_LOG_MAX_BYTES?.trim() ?? "";
  const maxBytes = rawMax === "" ? DEFAULT_MAIL_LOG_MAX_BYTES : Number(rawMax);
  if (!Number.isInteger(maxBytes) || maxBytes < 1024 || maxBytes > 200 * 1024 * 1024) {
    throw new ConfigError(`KOERS_MAIL_LOG_MAX_BYTES must be a whole number of bytes from 1024 to 209715200 (got "${rawMax}")`);
  }
  return Object.freeze({ domain, maxBytes, receiver, imap });
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "silent"] as const;

export function loadConfig(env: Env): Config {
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${env.LOG_LEVEL}")`);
  }
  const host = env.HOST && env.HOST !== "" ? env.HOST : "127.0.0.1";
  return Object.freeze({
    port: parsePort(env.PORT),
    host,
    database: parseDatabaseUrl(env.DATABASE_URL && env.DATABASE_URL !== "" ? env.DATABASE_URL : DEFAULT_DATABASE_URL),
    demo: parseFlag("KOERS_DEMO", env.KOERS_DEMO, true),
    sessionHours: parsePositive("KOERS_SESSION_HOURS", env.KOERS_SESSION_HOURS, 12),
    sessionMaxHours: parsePositive("KOERS_SESSION_MAX_HOURS", env.KOERS_SESSION_MAX_HOURS, 24),
    trustProxy: parseProxies(env.KOERS_TRUST_PROXY),
    secureCookies: parseFlag("KOERS_SECURE_COOKIES", env.KOERS_SECURE_COOKIES, false),
    logLevel,
    jobThreads: Math.floor(parsePositive("KOERS_JOB_THREADS", env.KOERS_JOB_THREADS, 1)),
    smtp: parseSmtp(env),
    publicUrl: parsePublicUrl(env.KOERS_PUBLIC_URL),
    osrmUrl: parseOsrmUrl(env.KOERS_OSRM_URL),
    geocoder: parseGeocoder(env),
    mailLog: parseMailLog(env, host),
  });
}

/** The process environment with an optional ./.env file under it (real variables win). */
export function readEnvironment(): Env {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return process.env;
}
