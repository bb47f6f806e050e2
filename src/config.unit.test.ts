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
    expect(loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "CRM.Glansrijk.nl" }).mailLog).toEqual({ port: 2525, host: "127.0.0.1", domain: "crm.glansrijk.nl", maxBytes: 25 * 1024 * 1024 });
    expect(loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl", KOERS_MAIL_LOG_HOST: "0.0.0.0", KOERS_MAIL_LOG_MAX_BYTES: "1048576" }).mailLog).toMatchObject({ host: "0.0.0.0", maxBytes: 1048576 });
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "2525" })).toThrow(/KOERS_MAIL_LOG_DOMAIN/);
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "smtp", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl" })).toThrow(/KOERS_MAIL_LOG_PORT/);
    expect(() => loadConfig({ KOERS_MAIL_LOG_PORT: "2525", KOERS_MAIL_LOG_DOMAIN: "crm.glansrijk.nl", KOERS_MAIL_LOG_MAX_BYTES: "10MB" })).toThrow(/KOERS_MAIL_LOG_MAX_BYTES/);
  });
});
