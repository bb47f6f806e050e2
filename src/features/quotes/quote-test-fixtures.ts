// Building blocks for the quote tests: relations, persons and products through the real API.
import { resultOfJob } from "../../test-support/jobs.js";
import type { TestApp } from "../../test-support/app.js";

type Headers = Record<string, string>;

export async function makeRelation(t: TestApp, headers: Headers, body: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: "/api/relations", headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`relation: ${res.body}`);
  return res.json().id;
}

export async function makePerson(t: TestApp, headers: Headers, relationId: number, body: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/persons`, headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`person: ${res.body}`);
  return res.json().id;
}

export async function makeProduct(t: TestApp, headers: Headers, body: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: "/api/products", headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`product: ${res.body}`);
  return res.json().id;
}

export function quoteApi(t: TestApp, headers: Headers) {
  return {
    create: (body: Record<string, unknown>) => t.app.inject({ method: "POST", url: "/api/quotes", headers, payload: body }),
    get: (id: number) => t.app.inject({ method: "GET", url: `/api/quotes/${id}`, headers }),
    patch: (id: number, version: number, body: Record<string, unknown>) =>
      t.app.inject({ method: "PATCH", url: `/api/quotes/${id}`, headers: { ...headers, "if-match": `"${version}"` }, payload: body }),
    revise: (id: number, body?: Record<string, unknown>) =>
      t.app.inject({ method: "POST", url: `/api/quotes/${id}/revisions`, headers, ...(body ? { payload: body } : {}) }),
    forecast: async (query: string) => (await t.app.inject({ method: "GET", url: `/api/forecast?${query}`, headers })).json(),
    /** The forecast as of a past date: a background job, awaited. */
    forecastAsOf: (body: Record<string, unknown>) => resultOfJob(t.app, headers, "/api/forecast/as-of", body),
  };
}
