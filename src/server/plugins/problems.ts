// Every error leaves the server as problem+json from the catalogue; nothing leaks a stack trace.
import type { FastifyError, FastifyInstance } from "fastify";
import { AppError, type ErrorCode, type FieldProblem, problemBody } from "../errors.js";

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const CODE_BY_KEYWORD: Record<string, string> = {
  additionalProperties: "unknown_field",
  required: "required",
  maxLength: "too_long",
  minLength: "required",
  type: "wrong_type",
  format: "invalid",
  pattern: "invalid",
  enum: "invalid",
  const: "invalid",
  anyOf: "invalid",
  minimum: "too_small",
  maximum: "too_large",
};

/** Turns JSON-schema validation issues into field problems named by their path ("visitPostcode"). */
export function fieldProblemsFromValidation(issues: readonly AjvIssue[], context: string): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    let field = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    if (issue.keyword === "required") field = [field, String(issue.params.missingProperty)].filter(Boolean).join(".");
    if (issue.keyword === "additionalProperties") field = [field, String(issue.params.additionalProperty)].filter(Boolean).join(".");
    if (field === "") field = context;
    const code = CODE_BY_KEYWORD[issue.keyword] ?? "invalid";
    const key = `${field}:${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const message = code === "unknown_field" ? "is not a known field" : (issue.message ?? "is not valid");
    problems.push({ field, code, message });
  }
  return problems;
}

export function registerProblemHandlers(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request, reply) => {
    let code: ErrorCode;
    let detail: string;
    let fields: readonly FieldProblem[] = [];
    if (error instanceof AppError) {
      code = error.code;
      detail = error.message;
      fields = error.fields;
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    } else if (error.validation) {
      code = "validation_failed";
      fields = fieldProblemsFromValidation(error.validation, error.validationContext ?? "body");
      detail = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    } else if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.statusCode === 413) {
      code = "payload_too_large";
      detail = "The request body is larger than allowed";
    } else if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || error.statusCode === 415) {
      code = "unsupported_media_type";
      detail = error.message;
    } else if (error.statusCode === 400 || error.code?.startsWith("FST_ERR_CTP")) {
      code = "bad_request";
      detail = error.message;
    } else if (error.statusCode === 429) {
      code = "rate_limited";
      detail = error.message;
    } else {
      request.log.error({ err: error }, "unhandled error");
      code = "internal";
      detail = "The server could not complete the request; it has been logged";
    }
    const body = problemBody(code, detail, fields, request.url);
    reply.status(body.status).type("application/problem+json").send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/relations/12) get the web app's shell; /api stays problem+json.
    const path = request.url.split("?")[0] ?? "";
    // A missing file (/favicon.ico, an old asset) is a 404, not the app shell.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(path);
    if (options.spaFallback && request.method === "GET" && !path.startsWith("/api") && !looksLikeFile) {
      return reply.sendFile("index.html");
    }
    const body = problemBody("not_found", `No route ${request.method} ${request.url.split("?")[0]}`, [], request.url);
    reply.status(404).type("application/problem+json").send(body);
  });
}
