// The one way the web app talks to the server: JSON over fetch, the CSRF token of the cookie session
// on every write, If-Match with the edited version on PATCH, and problem+json turned into ApiError.

/** One field problem of a problem+json response; `field` is the API property name ("visitPostcode"). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    /** Catalogue code from src/server/errors.ts ("validation_failed", "version_conflict", …). */
    readonly code: string,
    readonly detail: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(detail);
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Kept from POST/GET /api/session; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request (other than logging in) answers 401: the session ended. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** "?a=1&s=x&s=y": arrays repeat the key, empty values are left out. */
export function queryString(params: Record<string, QueryValue> | URLSearchParams): string {
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** The version the user edited; sent as If-Match so a stale write gets 412. */
  version?: number;
  signal?: AbortSignal;
  /**
   * false: no answer from the device when the server cannot be reached (the outbox's own sending,
   * the bundle). Default: reads the field app keeps come from IndexedDB, and the changes it can
   * queue go to the outbox (web/features/offline).
   */
  offline?: boolean;
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** The problem+json of a failed response as an ApiError (also for downloads and uploads). */
export async function problemOf(response: Response): Promise<ApiError> {
  let body: { code?: string; detail?: string; title?: string; errors?: FieldError[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON (a proxy error page): fall back to the status line
  }
  return new ApiError(
    response.status,
    body.code ?? (response.status >= 500 ? "internal" : "bad_request"),
    body.detail ?? body.title ?? response.statusText,
    Array.isArray(body.errors) ? body.errors : [],
  );
}

/**
 * The one fetch of the app: JSON body (or a form), CSRF token on writes, If-Match on edits;
 * problem+json turned into ApiError. Callers that want the body itself (a download) use this.
 */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  // A form (file upload) sets its own multipart content type; everything else is JSON.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers["content-type"] = "application/json";
  if (WRITE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  if (options.version !== undefined) headers["if-match"] = `"${options.version}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The server cannot be reached");
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const isLogin = path === "/api/session" && method === "POST";
    if (response.status === 401 && !isLogin) onUnauthenticated();
    throw problem;
  }
  return response;
}

/**
 * Fired on window after a write the server accepted, with what was written and the answer (the field
 * app then brings what it keeps of that record up to date, web/features/offline/offline-keep.ts).
 */
export const API_WRITE_EVENT = "koers:api-write";

export interface ApiWrite {
  method: string;
  path: string;
  /** The server's answer (undefined for 204). */
  answer: unknown;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await apiResponse(path, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 0) || options.offline === false || options.body instanceof FormData) throw error;
    // No connection: the device's copy, loaded only now so the login page never carries it.
    const { answerOffline } = await import("../features/offline/offline-api.js");
    const answer = await answerOffline({ method: options.method ?? "GET", path, version: options.version, body: options.body });
    if (answer === undefined) throw error;
    return answer as T;
  }
  const answer = response.status === 204 ? undefined : ((await response.json()) as T);
  // The outbox's own sending (offline: false) is no new change to read back.
  const method = options.method ?? "GET";
  if (WRITE_METHODS.has(method) && options.offline !== false && typeof window !== "undefined") {
    window.dispatchEvent(new CustomEvent<ApiWrite>(API_WRITE_EVENT, { detail: { method, path, answer } }));
  }
  return answer as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "POST", body }),
  patch: <T>(path: string, version: number, body: unknown) => apiRequest<T>(path, { method: "PATCH", body, version }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
  /** multipart/form-data upload, with the CSRF token like every write. */
  upload: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: "POST", body: form }),
};
