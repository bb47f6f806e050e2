// Who may change a quote (its chance, status, notes, lines) or revise it. The write paths
// (updateQuote, reviseQuote) and the `mayChange` flag on the detail the web app reads use this one
// function, so the screen never offers what the server refuses.
import type { Db } from "../../db/kysely.js";
import { can } from "../../domain/roles.js";
import type { AuthUser } from "../auth/auth-user.js";
import { mayActForUser } from "../users/user.service.js";
import type { QuoteDetailDto } from "./quote.schemas.js";

/** A quote is its rep's work: changing it is acting for that rep (docs/security.md, "Acting for others"). */
export async function mayChangeQuote(db: Db, user: AuthUser, repId: number): Promise<boolean> {
  return can(user.role, "quotes.write") && (await mayActForUser(db, user, repId));
}

/** The detail as `user` sees it: with whether the user may change it. */
export async function withMayChange(db: Db, user: AuthUser, quote: QuoteDetailDto): Promise<QuoteDetailDto> {
  return { ...quote, mayChange: await mayChangeQuote(db, user, quote.rep.id) };
}
