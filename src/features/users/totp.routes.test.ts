import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { addUser } from "./user.service.js";

const PASSWORD = "geheim-wachtwoord";

/** The code an authenticator app with `secret` shows at `at`. */
const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

describe.each(ENGINES)("second factor (TOTP) on %s", (engine) => {
  let t: TestApp;
  let now = new Date("2026-12-01T08:00:00.000Z");
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
    t.setNow(now);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(now);
    for (const [email, role] of [["rep@glansrijk.nl", "field_sales"], ["baas@glansrijk.nl", "admin"], ["beheer2@glansrijk.nl", "admin"]] as const) {
      await addUser(t.ctx.db, { email, name: email.split("@")[0] ?? email, role, password: PASSWORD }, now);
    }
  });
  afterAll(async () => t?.close());

  const login = async (email: string, totpCode?: string) => {
    const res = await t.app.inject({ method: "POST", url: "/api/session", payload: { email, password: PASSWORD, ...(totpCode === undefined ? {} : { totpCode }) } });
    const setCookie = res.headers["set-cookie"];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
    const csrf = res.statusCode === 200 ? (res.json().csrfToken as string) : "";
    return { res, headers: { cookie, "x-csrf-token": csrf } };
  };
  const call = (headers: Record<string, string>, method: "GET" | "POST" | "PATCH", url: string, payload?: object, extra: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...headers, ...extra }, ...(payload ? { payload } : {}) });

  /** Sets up and confirms a second factor for the session; returns the secret. */
  const turnOn = async (headers: Record<string, string>) => {
    const setup = await call(headers, "POST", "/api/session/totp/setup");
    expect(setup.statusCode).toBe(200);
    const secret = setup.json().secret as string;
    const on = await call(headers, "POST", "/api/session/totp", { code: codeAt(secret, now) });
    expect(on.statusCode).toBe(200);
    return secret;
  };

  it("is set up with a QR code and proven with a code; the user's other sessions end, this one stays", async () => {
    const first = await login("rep@glansrijk.nl");
    const other = await login("rep@glansrijk.nl");
    const setup = await call(first.headers, "POST", "/api/session/totp/setup");
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrCode } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Koers:rep%40glansrijk\.nl\?.*secret=/);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(",")[1], "base64").toString()).toContain("<svg");

    // Not on until a code proves the app has the secret.
    expect((await call(first.headers, "GET", "/api/session/totp")).json()).toMatchObject({ enabled: false });
    const wrong = await call(first.headers, "POST", "/api/session/totp", { code: "000000" === codeAt(secret, now) ? "111111" : "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "code", code: "totp_code_wrong" });

    const on = await call(first.headers, "POST", "/api/session/totp", { code: codeAt(secret, now) });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ enabled: true, required: false });
    expect((await call(first.headers, "GET", "/api/relations")).statusCode).toBe(200);
    expect((await call(other.headers, "GET", "/api/relations")).statusCode).toBe(401);
  });

  it("asks for the code at login, refuses a wrong one and a used one, and counts wrong codes as failed logins", async () => {
    const row = await t.ctx.db.selectFrom("users").select("totp_secret").where("email", "=", "rep@glansrijk.nl").executeTakeFirstOrThrow();
    const secret = row.totp_secret ?? "";
    advance(60);

    const noCode = await login("rep@glansrijk.nl");
    expect(noCode.res.statusCode).toBe(401);
    expect(noCode.res.json().code).toBe("totp_required");
    expect(noCode.res.headers["set-cookie"]).toBeUndefined();

    const good = codeAt(secret, now);
    const wrong = await login("rep@glansrijk.nl", good === "123456" ? "654321" : "123456");
    expect(wrong.res.json().code).toBe("totp_invalid");
    const attempts = await t.ctx.db.selectFrom("login_attempts").select("email").where("email", "=", "rep@glansrijk.nl").execute();
    expect(attempts).toHaveLength(1);

    const ok = await login("rep@glansrijk.nl", good);
    expect(ok.res.statusCode).toBe(200);
    expect((await call(ok.headers, "GET", "/api/relations")).statusCode).toBe(200);
    // The same code again, within its 30 seconds: someone who saw it over a shoulder gets nothing.
    const replay = await login("rep@glansrijk.nl", good);
    expect(replay.res.statusCode).toBe(401);
    expect(replay.res.json().code).toBe("totp_invalid");
    advance(30);
    expect((await login("rep@glansrijk.nl", codeAt(secret, now))).res.statusCode).toBe(200);
  });

  it("is turned off with the password only", async () => {
    const row = await t.ctx.db.selectFrom("users").select("totp_secret").where("email", "=", "rep@glansrijk.nl").executeTakeFirstOrThrow();
    advance(30);
    const session = await login("rep@glansrijk.nl", codeAt(row.totp_secret ?? "", now));
    const wrong = await call(session.headers, "POST", "/api/session/totp/disable", { currentPassword: "fout" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "currentPassword", code: "password_wrong" });
    const off = await call(session.headers, "POST", "/api/session/totp/disable", { currentPassword: PASSWORD });
    expect(off.json()).toMatchObject({ enabled: false });
    expect((await login("rep@glansrijk.nl")).res.statusCode).toBe(200);
  });

  it("when the company requires it of administrators, one without it can only set it up, and cannot turn it off after", async () => {
    const boss = await login("baas@glansrijk.nl");
    const settings = await call(boss.headers, "GET", "/api/company-settings");
    const version = String(settings.json().version);
    // The switch starts with one's own second factor.
    const early = await call(boss.headers, "PATCH", "/api/company-settings", { totpRequiredForAdmins: true }, { "if-match": version });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: "totpRequiredForAdmins", code: "totp_own_first" });
    await turnOn(boss.headers);
    const on = await call(boss.headers, "PATCH", "/api/company-settings", { totpRequiredForAdmins: true }, { "if-match": version });
    expect(on.statusCode).toBe(200);
    expect(on.json().totpRequiredForAdmins).toBe(true);

    const second = await login("beheer2@glansrijk.nl");
    expect(second.res.statusCode).toBe(200);
    expect(second.res.json().totpSetupRequired).toBe(true);
    const blocked = await call(second.headers, "GET", "/api/relations");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("totp_setup_required");
    expect((await call(second.headers, "POST", "/api/relations", { name: "Mag niet" })).statusCode).toBe(403);
    expect((await call(second.headers, "GET", "/api/session")).json().totpSetupRequired).toBe(true);
    await turnOn(second.headers);
    expect((await call(second.headers, "GET", "/api/relations")).statusCode).toBe(200);
    expect((await call(second.headers, "GET", "/api/session")).json().totpSetupRequired).toBe(false);

    const keep = await call(second.headers, "POST", "/api/session/totp/disable", { currentPassword: PASSWORD });
    expect(keep.statusCode).toBe(422);
    expect((await call(second.headers, "GET", "/api/session/totp")).json()).toMatchObject({ enabled: true, required: true });
    // A field rep is not an administrator: the rule does not touch them.
    const rep = await login("rep@glansrijk.nl");
    expect(rep.res.json().totpSetupRequired).toBe(false);
    expect((await call(rep.headers, "GET", "/api/relations")).statusCode).toBe(200);
  });

  it("is taken off a user by an administrator (a lost phone): their sessions end and they log in with the password", async () => {
    const repSession = await login("rep@glansrijk.nl");
    const secret = await turnOn(repSession.headers);
    advance(30);
    const repNow = await login("rep@glansrijk.nl", codeAt(secret, now));
    expect(repNow.res.statusCode).toBe(200);

    const bossRow = await t.ctx.db.selectFrom("users").select(["id", "totp_secret"]).where("email", "=", "baas@glansrijk.nl").executeTakeFirstOrThrow();
    const repRow = await t.ctx.db.selectFrom("users").select("id").where("email", "=", "rep@glansrijk.nl").executeTakeFirstOrThrow();
    const boss = await login("baas@glansrijk.nl", codeAt(bossRow.totp_secret ?? "", now));
    // Not for a rep to do to someone else.
    expect((await call(repNow.headers, "POST", `/api/admin/users/${bossRow.id}/totp-reset`)).statusCode).toBe(403);
    const reset = await call(boss.headers, "POST", `/api/admin/users/${repRow.id}/totp-reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ enabled: false });
    expect((await call(repNow.headers, "GET", "/api/relations")).statusCode).toBe(401);
    expect((await login("rep@glansrijk.nl")).res.statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom("audit_log").select(["field", "old_value", "new_value", "user_id"]).where("entity", "=", "user").where("entity_id", "=", repRow.id).where("field", "=", "totp").orderBy("id").execute();
    expect(audit.map((a) => `${a.old_value}→${a.new_value}`)).toEqual(["off→on", "on→off", "off→on", "on→off"]);
    expect(audit.at(-1)?.user_id).toBe(bossRow.id);
  });
});
