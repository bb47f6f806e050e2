// User administration over HTTP on both engines: administrators add and change users with version
// checks, Koers keeps one administrator, password links travel by real SMTP on loopback, and a
// deactivation, a new role or rayon or a new password refuses the user's old session cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpListener, type SmtpListener } from "../../test-support/smtp-listener.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { ensureRayon } from "./user.service.js";

const PASSWORD = "correct horse battery";

describe.each(ENGINES)("user administration on %s", (engine) => {
  let t: TestApp;
  let smtp: SmtpListener;
  let admin: { id: number; headers: Record<string, string> };
  let noord: number;
  let zuid: number;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp(engine, {
      env: { KOERS_SMTP_HOST: "127.0.0.1", KOERS_SMTP_PORT: String(smtp.port), KOERS_SMTP_FROM: "Koers <koers@glansrijk.nl>", KOERS_PUBLIC_URL: "https://crm.glansrijk.nl" },
    });
    admin = await t.userWithRole("admin", { name: "Bea Beheer" });
    noord = await ensureRayon(t.ctx.db, "Noord");
    zuid = await ensureRayon(t.ctx.db, "Zuid");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const logIn = async (email: string, password = PASSWORD) => {
    const res = await t.app.inject({ method: "POST", url: "/api/session", payload: { email, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
    return { cookie, headers: { cookie, "x-csrf-token": res.json().csrfToken as string } };
  };
  const sessionWorks = async (cookie: string) => (await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode === 200;
  const account = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/admin/users/${id}`, headers: admin.headers })).json();
  const patch = (id: number, version: number, payload: Record<string, unknown>, headers = admin.headers) =>
    t.app.inject({ method: "PATCH", url: `/api/admin/users/${id}`, headers: { ...headers, "if-match": `"${version}"` }, payload });
  /** A rep who has logged in with a password, and that session. */
  const repWithSession = async () => {
    const rep = await t.userWithRole("field_sales", { rayonNames: ["Noord"] });
    return { ...rep, session: await logIn(rep.email) };
  };

  it("lets an administrator add a user with rayons, home and working hours, and lists them", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/admin/users",
      headers: admin.headers,
      payload: { email: "Piet@Glansrijk.nl", name: "Piet Jansen", role: "field_sales", rayonIds: [noord], profitResponsible: true, homeAddress: "Dorpsstraat 1", homePostcode: "1234ab", homeCity: "Hoorn", workStart: "07:30", workEnd: "16:00" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({ email: "piet@glansrijk.nl", role: "field_sales", rayons: [{ id: noord, name: "Noord" }], profitResponsible: true, homePostcode: "1234 AB", workStart: "07:30", workEnd: "16:00", active: true, hasPassword: false });
    const list = await t.app.inject({ method: "GET", url: "/api/admin/users", headers: admin.headers });
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain("piet@glansrijk.nl");
    // A user without a password cannot log in yet.
    expect((await t.app.inject({ method: "POST", url: "/api/session", payload: { email: "piet@glansrijk.nl", password: "" } })).statusCode).toBe(400);
  });

  it("refuses a taken e-mail address and working hours that are not a day, naming the fields", async () => {
    const taken = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "piet@glansrijk.nl", name: "Piet twee", role: "field_sales" } });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: "email", code: "email_taken" })]);
    const hours = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "nacht@glansrijk.nl", name: "Nacht", role: "inside_sales", workStart: "17:00", workEnd: "08:00" } });
    expect(hours.json().errors).toEqual([expect.objectContaining({ field: "workEnd", code: "work_hours_order" })]);
    const time = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "nacht@glansrijk.nl", name: "Nacht", role: "inside_sales", workStart: "8 uur" } });
    expect(time.json().errors).toEqual([expect.objectContaining({ field: "workStart", code: "time_invalid" })]);
    const rayon = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "nacht@glansrijk.nl", name: "Nacht", role: "inside_sales", rayonIds: [99_999] } });
    expect(rayon.json().errors).toEqual([expect.objectContaining({ field: "rayonIds.0", code: "rayon_unknown" })]);
  });

  it("keeps user administration to administrators", async () => {
    const manager = await t.userWithRole("sales_manager");
    expect((await t.app.inject({ method: "GET", url: "/api/admin/users", headers: manager.headers })).statusCode).toBe(403);
    const rep = await t.userWithRole("field_sales");
    expect((await patch(rep.id, 1, { role: "admin" }, rep.headers)).statusCode).toBe(403);
    expect((await account(rep.id)).role).toBe("field_sales");
  });

  it("checks the edited version: 428 without If-Match, 412 when someone saved first", async () => {
    const rep = await t.userWithRole("inside_sales");
    const none = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${rep.id}`, headers: admin.headers, payload: { name: "Zonder versie" } });
    expect(none.statusCode).toBe(428);
    expect((await patch(rep.id, 1, { name: "Eerste" })).statusCode).toBe(200);
    const stale = await patch(rep.id, 1, { name: "Tweede" });
    expect(stale.statusCode).toBe(412);
    expect((await account(rep.id)).name).toBe("Eerste");
  });

  it("ends a user's sessions when the role changes, but not for a new name", async () => {
    const rep = await repWithSession();
    expect((await patch(rep.id, 1, { name: "Nieuwe naam", homeCity: "Alkmaar" })).statusCode).toBe(200);
    expect(await sessionWorks(rep.session.cookie)).toBe(true);
    expect((await patch(rep.id, 2, { role: "inside_sales" })).statusCode).toBe(200);
    expect(await sessionWorks(rep.session.cookie)).toBe(false);
  });

  it("ends a user's sessions when the rayons change", async () => {
    const rep = await repWithSession();
    expect((await patch(rep.id, 1, { rayonIds: [noord] })).statusCode).toBe(200);
    expect(await sessionWorks(rep.session.cookie), "the same rayons are no change").toBe(true);
    const res = await patch(rep.id, 2, { rayonIds: [noord, zuid] });
    expect(res.json().rayons.map((r: { name: string }) => r.name)).toEqual(["Noord", "Zuid"]);
    expect(await sessionWorks(rep.session.cookie)).toBe(false);
  });

  it("ends the sessions and API tokens of a deactivated user for good: reactivation does not bring them back", async () => {
    const rep = await repWithSession();
    expect((await t.app.inject({ method: "GET", url: "/api/session", headers: rep.headers })).statusCode).toBe(200);
    const off = await patch(rep.id, 1, { active: false });
    expect(off.json().active).toBe(false);
    expect(await sessionWorks(rep.session.cookie)).toBe(false);
    expect((await t.app.inject({ method: "POST", url: "/api/session", payload: { email: rep.email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await patch(rep.id, 2, { active: true })).json().active).toBe(true);
    expect(await sessionWorks(rep.session.cookie)).toBe(false);
    expect((await t.app.inject({ method: "GET", url: "/api/session", headers: rep.headers })).statusCode, "the old API token").toBe(401);
    const again = await logIn(rep.email);
    expect(await sessionWorks(again.cookie)).toBe(true);
  });

  it("never leaves Koers without an active administrator", async () => {
    // Every administrator but one is deactivated, so this is the last.
    const list = (await t.app.inject({ method: "GET", url: "/api/admin/users", headers: admin.headers })).json().items as { id: number; role: string; active: boolean; version: number }[];
    for (const other of list.filter((u) => u.role === "admin" && u.active && u.id !== admin.id)) expect((await patch(other.id, other.version, { active: false })).statusCode).toBe(200);
    const me = await account(admin.id);
    const demote = await patch(admin.id, me.version, { role: "sales_manager" });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().errors).toEqual([expect.objectContaining({ field: "role", code: "last_admin" })]);
    const off = await patch(admin.id, me.version, { active: false });
    expect(off.json().errors).toEqual([expect.objectContaining({ field: "active", code: "last_admin" })]);
    expect((await account(admin.id)).role).toBe("admin");
    // With a second administrator the first may step down.
    const second = await t.userWithRole("admin");
    const ok = await patch(admin.id, me.version, { profitResponsible: true });
    expect(ok.statusCode).toBe(200);
    await patch(second.id, 1, { active: false });
  });

  it("mails a one-time password link over SMTP; choosing a password ends the old sessions and the link works once", async () => {
    const rep = await repWithSession();
    const started = await t.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: admin.headers });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ delivery: "sent", url: null, email: rep.email });
    const mail = await smtp.next();
    expect(mail.to).toEqual([rep.email]);
    expect(mail.from).toBe("koers@glansrijk.nl");
    expect(mail.subject).toBe("Kies je wachtwoord voor Koers");
    const link = /https:\/\/crm\.glansrijk\.nl\/wachtwoord-kiezen#token=([\w-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    const token = link?.[1] as string;
    // Only the hash is stored.
    const stored = await t.ctx.db.selectFrom("password_resets").select("token_hash").where("user_id", "=", rep.id).execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const lookup = await t.app.inject({ method: "POST", url: "/api/password-reset/lookup", payload: { token } });
    expect(lookup.json()).toMatchObject({ email: rep.email });
    const short = await t.app.inject({ method: "POST", url: "/api/password-reset", payload: { token, password: "kort" } });
    expect(short.json().errors).toEqual([expect.objectContaining({ field: "password", code: "too_short" })]);
    const done = await t.app.inject({ method: "POST", url: "/api/password-reset", payload: { token, password: "een nieuw wachtwoord" } });
    expect(done.statusCode, done.body).toBe(200);
    expect(await sessionWorks(rep.session.cookie)).toBe(false);
    expect((await t.app.inject({ method: "POST", url: "/api/session", payload: { email: rep.email, password: PASSWORD } })).statusCode).toBe(401);
    await logIn(rep.email, "een nieuw wachtwoord");
    const twice = await t.app.inject({ method: "POST", url: "/api/password-reset", payload: { token, password: "nog een wachtwoord" } });
    expect(twice.statusCode).toBe(410);
    expect(twice.json().code).toBe("password_link_invalid");
  });

  it("lets a password link expire after 24 hours, and a new link replaces the old one", async () => {
    const rep = await t.userWithRole("inside_sales");
    await t.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: admin.headers });
    const first = /#token=([\w-]+)/.exec((await smtp.next()).text)?.[1] as string;
    await t.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: admin.headers });
    const second = /#token=([\w-]+)/.exec((await smtp.next()).text)?.[1] as string;
    expect((await t.app.inject({ method: "POST", url: "/api/password-reset/lookup", payload: { token: first } })).statusCode).toBe(410);
    const start = t.ctx.now();
    t.setNow(new Date(start.getTime() + 24 * 3_600_000 + 1000));
    try {
      expect((await t.app.inject({ method: "POST", url: "/api/password-reset", payload: { token: second, password: "te laat gekozen" } })).statusCode).toBe(410);
    } finally {
      t.setNow(start);
    }
    expect((await t.app.inject({ method: "POST", url: "/api/password-reset/lookup", payload: { token: "x".repeat(43) } })).statusCode).toBe(410);
  });

  it("lets users change their own password with the current one; their other sessions end, this one stays", async () => {
    const rep = await repWithSession();
    const other = await logIn(rep.email);
    const wrong = await t.app.inject({ method: "POST", url: "/api/session/password", headers: rep.session.headers, payload: { currentPassword: "fout", newPassword: "een ander wachtwoord" } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: "currentPassword", code: "password_wrong" })]);
    const ok = await t.app.inject({ method: "POST", url: "/api/session/password", headers: rep.session.headers, payload: { currentPassword: PASSWORD, newPassword: "een ander wachtwoord" } });
    expect(ok.statusCode, ok.body).toBe(204);
    expect(await sessionWorks(rep.session.cookie)).toBe(true);
    expect(await sessionWorks(other.cookie)).toBe(false);
    await logIn(rep.email, "een ander wachtwoord");
  });

  it("counts wrong current passwords with failed logins, so a stolen session cannot keep guessing", async () => {
    const rep = await repWithSession();
    const attempt = (currentPassword: string) =>
      t.app.inject({ method: "POST", url: "/api/session/password", headers: rep.session.headers, payload: { currentPassword, newPassword: "geraden wachtwoord" } });
    for (let i = 0; i < 5; i++) expect((await attempt(`gok ${i}`)).statusCode).toBe(400);
    const limited = await attempt(PASSWORD);
    expect(limited.statusCode).toBe(429);
    await t.ctx.db.deleteFrom("login_attempts").where("email", "=", rep.email).execute();
  });

  it("answers 503 and keeps no live link when the mail server cannot be reached", async () => {
    const closed = await startSmtpListener();
    await closed.close();
    const offline = await startTestApp(engine, { env: { KOERS_SMTP_HOST: "127.0.0.1", KOERS_SMTP_PORT: String(closed.port), KOERS_SMTP_FROM: "koers@glansrijk.nl" } });
    try {
      const boss = await offline.userWithRole("admin");
      const rep = await offline.userWithRole("field_sales");
      const res = await offline.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: boss.headers });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe("unavailable");
      expect(await offline.ctx.db.selectFrom("password_resets").select("id").where("user_id", "=", rep.id).execute()).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it("lists a user's API tokens to them and to administrators, and revoking one refuses it at once", async () => {
    const rep = await t.userWithRole("field_sales");
    const colleague = await t.userWithRole("field_sales");
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: rep.headers })).statusCode).toBe(200);
    const own = await t.app.inject({ method: "GET", url: `/api/users/${rep.id}/api-tokens`, headers: rep.headers });
    expect(own.json().items).toEqual([expect.objectContaining({ name: "test", lastUsedAt: expect.any(String), revokedAt: null })]);
    expect(JSON.stringify(own.json())).not.toContain(rep.headers.authorization?.slice("Bearer ".length));
    expect((await t.app.inject({ method: "GET", url: `/api/users/${rep.id}/api-tokens`, headers: colleague.headers })).statusCode).toBe(403);
    const tokenId = own.json().items[0].id as number;
    // A colleague's revoke is refused as if the token did not exist.
    expect((await t.app.inject({ method: "DELETE", url: `/api/api-tokens/${tokenId}`, headers: colleague.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: rep.headers })).statusCode).toBe(200);
    const byAdmin = await t.app.inject({ method: "GET", url: `/api/users/${rep.id}/api-tokens`, headers: admin.headers });
    expect(byAdmin.json().items).toHaveLength(1);
    const revoked = await t.app.inject({ method: "DELETE", url: `/api/api-tokens/${tokenId}`, headers: admin.headers });
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: rep.headers })).statusCode).toBe(401);
  });
});

describe("password links without a mail server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ENGINES[0] ?? "sqlite");
  });
  afterAll(async () => t?.close());

  it("shows the administrator the link to pass on, on the address the request came in on", async () => {
    const admin = await t.userWithRole("admin");
    const rep = await t.userWithRole("field_sales");
    const res = await t.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: { ...admin.headers, host: "koers.intern:3000" } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ delivery: "shown", email: rep.email });
    expect(res.json().url).toMatch(/^http:\/\/koers\.intern:3000\/wachtwoord-kiezen#token=[\w-]{40,}$/);
  });

  it("refuses a link for a deactivated user", async () => {
    const admin = await t.userWithRole("admin");
    const rep = await t.userWithRole("field_sales");
    await t.app.inject({ method: "PATCH", url: `/api/admin/users/${rep.id}`, headers: { ...admin.headers, "if-match": '"1"' }, payload: { active: false } });
    const res = await t.app.inject({ method: "POST", url: `/api/admin/users/${rep.id}/password-reset`, headers: admin.headers });
    expect(res.statusCode).toBe(422);
  });
});
