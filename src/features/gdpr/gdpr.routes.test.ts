import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../server/paths.js";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newPerson, newRelation, postActivity } from "../activities/crm-test-helpers.js";
import { purgeExpiredPersons } from "./erase.service.js";

const run = promisify(execFile);

describe.each(ENGINES)("GDPR export and erasure on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  let admin: { id: number; headers: Headers };
  let relationId: number;
  let personId: number;
  let activityId: number;
  let metVisit: number;
  let mentionVisit: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    admin = await t.userWithRole("admin", { name: "Ad Min" });
    relationId = await newRelation(t, rep.headers, { name: "Zorggroep West", status: "prospect", statusReason: "Gesprek" });
    personId = await newPerson(t, rep.headers, relationId, {
      firstName: "Jan",
      infix: "van der",
      lastName: "Berg",
      email: "jan.vanderberg@zorgwest.nl",
      phoneMobile: "06-12345678",
      jobTitle: "Inkoper",
      dmuRoles: ["buyer", "decider"],
      notes: "<script>alert('x')</script> houdt van golf",
    });
    const colleague = await newPerson(t, rep.headers, relationId, { firstName: "Els", lastName: "Smit" });
    const activity = await postActivity(t, rep.headers, relationId, {
      kind: "visit",
      personIds: [personId, colleague],
      notes: "Jan van der Berg wil een offerte; Els Smit beslist mee.",
      internalNotes: "Van der Berg is ontevreden over de huidige leverancier.",
      followUp: { action: "Jan van der Berg bellen over offerte", dueDate: "2026-12-15", personId },
    });
    activityId = activity.json().id;
    // A visit where he was met, prepared with his name in the answers, and one where a sheet names him.
    const appointment = async (personIds: number[], start: string, notes: string) => {
      const res = await t.app.inject({ method: "POST", url: "/api/appointments", headers: rep.headers, payload: { relationId, visitType: "follow_up", personIds, start, durationMinutes: 60, notes } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const prepare = async (id: number, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: "PATCH", url: `/api/visit-preparations/${id}`, headers: { ...rep.headers, "if-match": '"0"' }, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    metVisit = await appointment([personId], "2026-12-03T10:00:00+01:00", "Jan van der Berg ontvangt ons bij de receptie");
    await prepare(metVisit, {
      notes: "Van der Berg speelt golf",
      research: { internet: "Jan van der Berg op LinkedIn: inkoper sinds 2019" },
      keywords: [{ keyword: "DMU", ticked: true, answer: "Jan van der Berg beslist met Els Smit" }],
      objectives: [
        { kind: "internal", text: "Vraag Jan van der Berg naar de contracttermijn", keyword: "termijn", smart: [] },
        { kind: "external", text: "Kennismaken", keyword: null, smart: [] },
      ],
    });
    mentionVisit = await appointment([colleague], "2026-12-04T10:00:00+01:00", "Met Els");
    await prepare(mentionVisit, { notes: "Els vragen of Jan van der Berg terug is", objectives: [{ kind: "external", text: "Planning bespreken", keyword: null, smart: [] }] });
    // That visit is reported afterwards: its objective partly achieved.
    const sheet = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${mentionVisit}`, headers: rep.headers })).json();
    t.setNow(new Date("2026-12-04T12:00:00.000Z"));
    const report = await t.app.inject({
      method: "POST",
      url: `/api/visit-preparations/${mentionVisit}/report`,
      headers: { ...rep.headers, "if-match": `"${sheet.version}"` },
      payload: { objectives: [{ id: sheet.objectives[0].id, result: "partly" }], notes: "Besproken" },
    });
    expect(report.statusCode, report.body).toBe(200);
    t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    const unrelated = await appointment([colleague], "2026-12-05T10:00:00+01:00", "Met Els over de ramen");
    await prepare(unrelated, { notes: "Ramen" });
    await t.app.inject({
      method: "POST",
      url: `/api/persons/${personId}/consents`,
      headers: rep.headers,
      payload: { purpose: "newsletter", state: "given", source: "web_form", textVersion: "nb-1", proof: "Formulier, IP 192.0.2.7, jan.vanderberg@zorgwest.nl" },
    });
  });
  afterAll(async () => t?.close());

  it("exports everything held about a person as JSON", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="inzage-persoon-\d+-2026-11-27.json"/);
    const data = res.json();
    expect(data.person).toMatchObject({ displayName: "Jan van der Berg", email: "jan.vanderberg@zorgwest.nl", phoneMobile: "06-12345678" });
    expect(data.person.dmuRoles.sort()).toEqual(["buyer", "decider"]);
    expect(data.relation.name).toBe("Zorggroep West");
    expect(data.consents).toEqual([expect.objectContaining({ purpose: "newsletter", state: "given", proof: expect.stringContaining("192.0.2.7") })]);
    expect(data.contactMoments.map((a: { id: number }) => a.id)).toEqual([activityId]);
    expect(data.followUps.map((f: { action: string }) => f.action)).toEqual(["Jan van der Berg bellen over offerte"]);
    expect(data.auditTrail.map((a: { field: string }) => a.field)).toEqual(expect.arrayContaining(["created", "consent.newsletter"]));
    // The visits where he was met and the sheets that name him, with what they hold; not the others.
    expect(data.visits.map((v: { appointmentId: number; met: boolean }) => [v.appointmentId, v.met])).toEqual([
      [mentionVisit, false],
      [metVisit, true],
    ]);
    expect(data.visits[1]).toMatchObject({
      appointmentNotes: "Jan van der Berg ontvangt ons bij de receptie",
      sheetNotes: "Van der Berg speelt golf",
      research: { internet: "Jan van der Berg op LinkedIn: inkoper sinds 2019" },
      keywords: [{ keyword: "DMU", ticked: true, answer: "Jan van der Berg beslist met Els Smit" }],
      objectives: [expect.objectContaining({ text: "Vraag Jan van der Berg naar de contracttermijn", keyword: "termijn" }), expect.objectContaining({ text: "Kennismaken" })],
    });
  });

  it("exports a readable HTML page in which stored text stays text", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=html`, headers: manager.headers });
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("Gegevens over Jan van der Berg");
    expect(res.body).toContain("Bezoeken en voorbereidingen");
    expect(res.body).toContain("✓ DMU: Jan van der Berg beslist met Els Smit");
    expect(res.body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; houdt van golf");
    expect(res.body).not.toContain("<script>");
  });

  it("shows every coded value in the HTML page by its Dutch word, never as a code", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=html`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    const cells = [...res.body.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    // The visit (follow_up), the contact moment (visit), the follow-up (open), the consent (newsletter, given, web_form).
    expect(cells).toContain("Planning bespreken (Deels)");
    for (const word of ["Vervolgbezoek", "Bezoek", "Open", "Nieuwsbrief", "Gegeven", "Webformulier", "Niet gevraagd", "Toestemming: Nieuwsbrief", "Aangemaakt", "Beslisser, Inkoper"]) {
      expect(cells, word).toContain(word);
    }
    for (const code of ["follow_up", "visit", "open", "partly", "newsletter", "product_mailings", "given", "none", "web_form", "consent.newsletter", "created", "buyer", "decider"]) {
      expect(cells, code).not.toContain(code);
    }
    expect(res.body).not.toMatch(/\b(first_visit|follow_up|phone_call|partly|not_achieved|web_form|product_mailings)\b/);
    // The JSON keeps each code beside its word, for a machine and a person alike.
    const data = (await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers })).json();
    expect(data.visits[1]).toMatchObject({ visitType: "follow_up", visitTypeLabel: "Vervolgbezoek" });
    expect(data.visits[0].objectives).toEqual([expect.objectContaining({ result: "partly", resultLabel: "Deels" })]);
    expect(data.contactMoments[0]).toMatchObject({ kind: "visit", kindLabel: "Bezoek" });
    expect(data.followUps[0]).toMatchObject({ status: "open", statusLabel: "Open" });
    expect(data.consents[0]).toMatchObject({ purpose: "newsletter", purposeLabel: "Nieuwsbrief", state: "given", stateLabel: "Gegeven", sourceLabel: "Webformulier" });
  });

  it("refuses the export to a role that may not export persons", async () => {
    expect((await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export`, headers: rep.headers })).statusCode).toBe(403);
  });

  it("refuses erasure to a user without persons.erase", async () => {
    for (const user of [rep, manager]) {
      expect((await t.app.inject({ method: "POST", url: `/api/persons/${personId}/erase`, headers: user.headers })).statusCode).toBe(403);
    }
    const person = await t.app.inject({ method: "GET", url: `/api/persons/${personId}`, headers: rep.headers });
    expect(person.json().lastName).toBe("Berg");
  });

  it("erases personal data but keeps the contact moment, the fact of withdrawal and a log of who erased", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/persons/${personId}/erase`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ personId, contactMomentsKept: 1 });

    const person = (await t.app.inject({ method: "GET", url: `/api/persons/${personId}`, headers: rep.headers })).json();
    expect(person).toMatchObject({ erased: true, lastName: "Verwijderd", firstName: null, infix: null, email: null, phoneMobile: null, jobTitle: null, notes: null, dmuRoles: [], active: false });

    const activity = (await t.app.inject({ method: "GET", url: `/api/activities/${activityId}`, headers: rep.headers })).json();
    expect(activity.persons.map((p: { name: string }) => p.name).sort()).toEqual(["Els Smit", "Verwijderd"]);
    expect(activity.notes).toBe("[verwijderd] wil een offerte; Els Smit beslist mee.");
    expect(activity.internalNotes).toBe("[verwijderd] is ontevreden over de huidige leverancier.");
    expect(activity.followUps[0].action).toBe("[verwijderd] bellen over offerte");

    // The visit sheets and appointments keep their content, minus his names; he stays among those met.
    const sheet = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${metVisit}`, headers: rep.headers })).json();
    expect(sheet.appointment.notes).toBe("[verwijderd] ontvangt ons bij de receptie");
    expect(sheet.appointment.persons.map((p: { name: string }) => p.name)).toEqual(["Verwijderd"]);
    expect(sheet.notes).toBe("[verwijderd] speelt golf");
    expect(sheet.research.internet).toBe("[verwijderd] op LinkedIn: inkoper sinds 2019");
    expect(sheet.keywords[0].answer).toBe("[verwijderd] beslist met Els Smit");
    expect(sheet.objectives[0].text).toBe("Vraag [verwijderd] naar de contracttermijn");
    const other = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${mentionVisit}`, headers: rep.headers })).json();
    expect(other.notes).toBe("Els vragen of [verwijderd] terug is");

    const consents = (await t.app.inject({ method: "GET", url: `/api/persons/${personId}/consents`, headers: rep.headers })).json();
    expect(consents.current.find((c: { purpose: string }) => c.purpose === "newsletter")).toMatchObject({ state: "withdrawn", source: "erasure" });
    expect(consents.history.every((c: { proof: string | null }) => c.proof === null)).toBe(true);

    const audit = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: rep.headers })).json().items;
    expect(audit[0]).toMatchObject({ entity: "person", entityId: personId, field: "erased", oldValue: null, newValue: null, user: { id: admin.id } });
    // The sheets' audit lines are there, without his names (checked below with the rest).
    expect(audit.find((l: { entity: string; entityId: number; field: string }) => l.entity === "visit_preparation" && l.field === "keywords" && l.entityId === metVisit)?.newValue).toBe("✓ DMU: [verwijderd] beslist met Els Smit");
    const text = JSON.stringify(audit);
    for (const secret of ["jan.vanderberg", "Van der Berg", "van der Berg", "06-12345678"]) expect(text).not.toContain(secret);
    expect(audit.some((l: { newValue: string | null }) => l.newValue === "Smit")).toBe(true);

    const again = await t.app.inject({ method: "POST", url: `/api/persons/${personId}/erase`, headers: admin.headers });
    expect(again.statusCode).toBe(409);
    const consent = await t.app.inject({ method: "POST", url: `/api/persons/${personId}/consents`, headers: rep.headers, payload: { purpose: "newsletter", state: "given", source: "import", textVersion: "nb-1" } });
    expect(consent.statusCode).toBe(409);
    const edit = await t.app.inject({ method: "PATCH", url: `/api/persons/${personId}`, headers: { ...rep.headers, "if-match": `"${person.version}"` }, payload: { firstName: "Jan" } });
    expect(edit.statusCode).toBe(409);
  });

  it("purges persons of relations dead for longer than the retention period, and no others", async () => {
    const dead = await newRelation(t, rep.headers, { name: "Oud Dood BV", status: "dead", statusReason: "Geen potentie" });
    const alive = await newRelation(t, rep.headers, { name: "Levend BV" });
    const gone = await newPerson(t, rep.headers, dead, { firstName: "Kees", lastName: "Weg" });
    const stays = await newPerson(t, rep.headers, alive, { firstName: "Loes", lastName: "Blijft" });
    // Dead since 2026-11-27; the default retention is 24 months.
    expect(await purgeExpiredPersons(t.ctx.db, "2028-11-26", { dryRun: true })).toMatchObject({ persons: 0, retentionMonths: 24 });
    const dry = await purgeExpiredPersons(t.ctx.db, "2028-11-28", { dryRun: true });
    expect(dry).toMatchObject({ persons: 1, relations: 1 });
    expect((await t.app.inject({ method: "GET", url: `/api/persons/${gone}`, headers: rep.headers })).json().lastName).toBe("Weg");

    const { stdout } = await run("npx", ["tsx", "src/cli/main.ts", "gdpr", "purge", "--today", "2028-11-28"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url, KOERS_DEMO: "0" },
    });
    expect(stdout).toContain("erased 1 person(s) of 1 relation(s)");
    expect((await t.app.inject({ method: "GET", url: `/api/persons/${gone}`, headers: rep.headers })).json().lastName).toBe("Verwijderd");
    expect((await t.app.inject({ method: "GET", url: `/api/persons/${stays}`, headers: rep.headers })).json().lastName).toBe("Blijft");
    expect(await purgeExpiredPersons(t.ctx.db, "2028-11-28", { dryRun: true })).toMatchObject({ persons: 0 });
  });
});
