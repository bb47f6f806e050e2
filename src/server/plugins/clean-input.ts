// Text that reaches Koers is text: a JSON body must be valid UTF-8, and no string in it — nor in the
// query string — may hold a NUL character or an unpaired surrogate (which storage would turn into
// replacement characters). Such input is refused with 400 instead of stored damaged. Keys that would
// pollute prototypes (__proto__, constructor.prototype) are refused by Fastify's own JSON parser.
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.js";

/** A NUL, or a UTF-16 surrogate without its partner. */
const DAMAGED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (value or key) in `value` that is damaged, with its path. */
function damagedPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return DAMAGED.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = damagedPath(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (DAMAGED.test(k)) return `${path}.${k}`;
      const found = damagedPath(v, path === "" ? k : `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

const refuse = (field: string) =>
  new AppError("validation_failed", `${field || "body"}: contains a NUL character or text that is not valid Unicode`, [{ field: field || "body", code: "text_invalid", message: "contains a NUL character or text that is not valid Unicode" }]);

export function registerCleanInput(app: FastifyInstance): void {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError("bad_request", "The request body is not valid UTF-8"), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      if (error) return done(error, undefined);
      const damaged = damagedPath(parsed, "");
      return damaged === null ? done(null, parsed) : done(refuse(damaged), undefined);
    });
  });
  app.addHook("preValidation", async (request) => {
    const damaged = damagedPath(request.query, "");
    if (damaged !== null) throw refuse(damaged);
  });
}
