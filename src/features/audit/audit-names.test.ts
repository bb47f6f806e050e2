import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";

describe.each(ENGINES)("the change log names people on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let colleague: { id: number };

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Anna Auditrep" });
    colleague = await t.userWithRole("field_sales", { name: "Piet Collega" });
  });
  afterAll(async () => t?.close());

  it("gives the names behind an owner and an assignee instead of their ids", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name: "Logboek BV", ownerId: rep.id } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const patched = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { ownerId: colleague.id } });
    expect(patched.statusCode, patched.body).toBe(200);
    const followUp = await t.app.inject({ method: "POST", url: `/api/relations/${id}/followups`, headers: rep.headers, payload: { action: "Bel terug", dueDate: "2026-12-10", assignedTo: colleague.id } });
    expect(followUp.statusCode, followUp.body).toBe(201);

    const audit = (await t.app.inject({ method: "GET", url: `/api/relations/${id}/audit`, headers: rep.headers })).json().items as {
      entity: string;
      field: string;
      oldName: string | null;
      newName: string | null;
      user: { name: string } | null;
    }[];
    expect(audit.find((a) => a.field === "owner_id")).toMatchObject({ oldName: "Anna Auditrep", newName: "Piet Collega", user: { name: "Anna Auditrep" } });
    expect(audit.find((a) => a.entity === "follow_up" && a.field === "assigned_to")).toMatchObject({ oldName: null, newName: "Piet Collega" });
    expect(audit.find((a) => a.field === "due_date")).toMatchObject({ oldName: null, newName: null });
  });
});
