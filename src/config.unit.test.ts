import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("defaults to port 3000 on 127.0.0.1 with the embedded SQLite file and demo data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", demo: true });
    expect(config.database).toMatchObject({ engine: "sqlite" });
    expect(config.database.engine === "sqlite" && config.database.file.endsWith("data/koers.sqlite")).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });
  it("reads PostgreSQL URLs and KOERS_DEMO=0", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://koers@127.0.0.1:5432/koers", KOERS_DEMO: "0" });
    expect(config.database).toEqual({ engine: "postgres", url: "postgres://koers@127.0.0.1:5432/koers" });
    expect(config.demo).toBe(false);
  });
  it("refuses bad values with a message that names the setting", () => {
    expect(() => loadConfig({ PORT: "80a" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ KOERS_DEMO: "maybe" })).toThrow(/KOERS_DEMO/);
  });
  it("reads the mail server for password links, and none when no host is set", () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ KOERS_SMTP_HOST: "mail.glansrijk.nl", KOERS_SMTP_FROM: "Koers <koers@glansrijk.nl>", KOERS_SMTP_SECURE: "1", KOERS_SMTP_USER: "koers", KOERS_SMTP_PASSWORD: "geheim" }).smtp).toEqual({
      host: "mail.glansrijk.nl",
      port: 465,
      from: "Koers <koers@glansrijk.nl>",
      secure: true,
      user: "koers",
      password: "geheim",
    });
    expect(() => loadConfig({ KOERS_SMTP_HOST: "mail.glansrijk.nl" })).toThrow(/KOERS_SMTP_FROM/);
    expect(() => loadConfig({ KOERS_PUBLIC_URL: "crm.glansrijk.nl" })).toThrow(/KOERS_PUBLIC_URL/);
    expect(loadConfig({ KOERS_PUBLIC_URL: "https://crm.glansrijk.nl/" }).publicUrl).toBe("https://crm.glansrijk.nl");
  });
  it("turns the mail receiver on only with a port, and then needs a domain", () => {
    expect(loadConfig({}).mailLog).toBeNull();
    expect(loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "CRM.Glansrijk.nl" }).mailLog).toEqual({ receiver: { port: 2525, host: "127.0.0.1" }, imap: null, domain: "crm.glansrijk.nl", maxBytes: 25 * 1024 * 1024 });
    expect(loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl", KOERS_MAIL_LOG_HOST: "0.0.0.0", KOERS_MAIL_LOG_MAX_BYTES: "1048576" }).mailLog).toMatchObject({ receiver: { host: "0.0.0.0" }, maxBytes: 1048576 });
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "2525" })).toThrow(/KOERS_MAIL_LOG_DOMAIN/);
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "smtp", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl" })).toThrow(/KOERS_MAIL_LOG_PORT/);
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl", KOERS_MAIL_LOG_MAX_BYTES: "10MB" })).toThrow(/KOERS_MAIL_LOG_MAX_BYTES/);
  });
  it("reads an IMAP mailbox instead of (or beside) the receiver, with the password from the setting or a file", () => {
    const imap = { KOERS_MAIL_IMAP_HOST: "imap.glansrijk.nl", KOERS_MAIL_IMAP_USER: "koers-log", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl" };
    expect(loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "geheim" }).mailLog).toEqual({
      domain: "crm.glansrijk.nl",
      maxBytes: 25 * 1024 * 1024,
      receiver: null,
      imap: { host: "imap.glansrijk.nl", port: 993, tls: true, allowPlain: false, user: "koers-log", password: "geheim", mailbox: "INBOX", pollSeconds: 60, moveTo: null },
    });
    expect(loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_TLS: "0", KOERS_MAIL_IMAP_MAILBOX: "Koers", KOERS_MAIL_IMAP_POLL_SECONDS: "300", KOERS_MAIL_IMAP_MOVE_TO: "Koers/Verwerkt" }).mailLog?.imap).toMatchObject({
      port: 143,
      tls: false,
      mailbox: "Koers",
      pollSeconds: 300,
      moveTo: "Koers/Verwerkt",
      // Without TLS STARTTLS is required, unless plain text is allowed in so many words.
      allowPlain: false,
    });
    expect(loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_TLS: "0", KOERS_MAIL_IMAP_ALLOW_PLAIN: "1" }).mailLog?.imap).toMatchObject({ tls: false, allowPlain: true });
    const dir = mkdtempSync(join(tmpdir(), "koers-config-"));
    const file = join(dir, "imap-password");
    writeFileSync(file, "uit-een-bestand\n");
    expect(loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD_FILE: file }).mailLog?.imap?.password).toBe("uit-een-bestand");
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD_FILE: join(dir, "missing") })).toThrow(/KOERS_MAIL_IMAP_PASSWORD_FILE cannot be read/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD_FILE: file, KOERS_MAIL_IMAP_PASSWORD: "x" })).toThrow(/not both/);
    expect(() => loadConfig(imap)).toThrow(/KOERS_MAIL_IMAP_PASSWORD/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_USER: "" })).toThrow(/KOERS_MAIL_IMAP_USER/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_LOG_DOMAIN: "" })).toThrow(/KOERS_MAIL_LOG_DOMAIN/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_PORT: "imaps" })).toThrow(/KOERS_MAIL_IMAP_PORT/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_POLL_SECONDS: "1" })).toThrow(/KOERS_MAIL_IMAP_POLL_SECONDS/);
    expect(() => loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "x", KOERS_MAIL_IMAP_TLS: "maybe" })).toThrow(/KOERS_MAIL_IMAP_TLS/);
    // The password never shows in a setting's error message.
    try {
      loadConfig({ ...imap, KOERS_MAIL_IMAP_PASSWORD: "zeer-geheim", KOERS_MAIL_IMAP_PORT: "x" });
    } catch (error) {
      expect(String(error)).not.toContain("zeer-geheim");
    }
  });
});
