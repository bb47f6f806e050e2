// Sessions (cookie) and API tokens (Bearer). Both are random secrets of which only the SHA-256 is
// stored. Failed logins are counted in the database so a limit holds across server instances.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import { findUserByEmail, findUserById } from "../users/user.repository.js";
import { hasTotp, redeemLoginCode } from "../users/totp.service.js";
import { toAuthUser } from "../users/user.service.js";
import type { AuthUser } from "./auth-user.js";
import { verifyPassword } from "./password.js";

/**
 * At most `attempts` failed logins per e-mail address per window, and `perIp` from one address
 * (against password spraying over many e-mail addresses).
 */
export const LOGIN_LIMIT = { attempts: 5, perIp: 50, windowMinutes: 15 } as const;

const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex");
const secret = (bytes = 32) => randomBytes(bytes).toString("base64url");

export interface LoggedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: AuthUser;
}

/**
 * Logs in with e-mail and password, and the code of the authenticator app when the user has the
 * second factor on (without one: `totp_required`, which the login page answers by asking for it).
 * A wrong code counts as a failed login, so the 5-per-15-minutes limit also bounds code guessing.
 */
export async function login(db: Db, email: string, password: string, now: Date, sessionHours: number, ip = "", totpCode?: string): Promise<LoggedIn> {
  const key = email.trim().toLowerCase();
  const windowStart = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000).toISOString();
  const failures = (column: "email" | "ip", value: string) =>
    db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(column, "=", value)
      .where("at", ">", windowStart)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  if ((await failures("email", key)) >= LOGIN_LIMIT.attempts || (ip !== "" && (await failures("ip", ip)) >= LOGIN_LIMIT.perIp)) {
    throw new AppError("rate_limited", `Too many failed logins for ${key}; try again in ${LOGIN_LIMIT.windowMinutes} minutes`, [], {
      "retry-after": String(LOGIN_LIMIT.windowMinutes * 60),
    });
  }

  const user = await findUserByEmail(db, key);
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !valid || user.active !== 1) {
    await db.insertInto("login_attempts").values({ email: key, ip, at: now.toISOString() }).execute();
    throw new AppError("invalid_credentials");
  }
  if (hasTotp(user)) {
    if (totpCode === undefined || totpCode.trim() === "") throw new AppError("totp_required");
    if (!(await redeemLoginCode(db, user, totpCode, now))) {
      await db.insertInto("login_attempts").values({ email: key, ip, at: now.toISOString() }).execute();
      throw new AppError("totp_invalid");
    }
  }
  await db.deleteFrom("login_attempts").where("email", "=", key).execute();
  // Housekeeping on the way: expired sessions and attempts outside the window are of no use.
  await db.deleteFrom("sessions").where("expires_at", "<", now.toISOString()).execute();
  await db.deleteFrom("login_attempts").where("at", "<", windowStart).execute();

  const token = secret();
  const csrfToken = secret(24);
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000).toISOString();
  await db
    .insertInto("sessions")
    .values({ id: sha256(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt, user: await toAuthUser(db, user) };
}

export interface ResolvedSession {
  user: AuthUser;
  csrfToken: string;
}

/** The session's user, or null when the token is unknown or expired. Extends a live session. */
export async function resolveSession(db: Db, token: string, now: Date, sessionHours: number, maxHours = Number.POSITIVE_INFINITY): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const session = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!session) return null;
  // Idle (expires_at, sliding) and absolute (from login) timeouts.
  const absoluteEnd = Date.parse(session.created_at) + maxHours * 3_600_000;
  if (session.expires_at <= now.toISOString() || now.getTime() >= absoluteEnd) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (user?.active !== 1) return null;
  // Sliding expiry, written at most once a minute per session to keep reads cheap.
  const renewed = new Date(Math.min(now.getTime() + sessionHours * 3_600_000, absoluteEnd));
  if (renewed.getTime() - Date.parse(session.expires_at) > 60_000) {
    await db.updateTable("sessions").set({ expires_at: renewed.toISOString() }).where("id", "=", id).execute();
  }
  return { user: await toAuthUser(db, user), csrfToken: session.csrf_token };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
}

/**
 * Ends every session of a user at once (deactivation, a new role or rayon, a new password):
 * the rows go, so the old cookies are refused and stay refused after a reactivation. `keepToken`
 * is the cookie of the user's own current session when they changed their own password.
 */
export async function endSessionsOf(db: Db, userId: number, keepToken: string | null = null): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepToken !== null) query = query.where("id", "!=", sha256(keepToken));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Revokes every API token of a user (a deactivation): an integration that ran as them stops, and a
 * later reactivation does not bring the old tokens back.
 */
export async function revokeTokensOf(db: Db, userId: number, now: Date): Promise<number> {
  const result = await db.updateTable("api_tokens").set({ revoked_at: now.toISOString() }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** SHA-256 in hex: how session ids, API tokens and password links are stored. */
export const secretHash = sha256;
/** A random secret of `bytes` bytes, base64url. */
export const randomSecret = secret;

export async function createApiToken(db: Db, userId: number, name: string, now: Date): Promise<string> {
  const token = `koers_${secret()}`;
  await db
    .insertInto("api_tokens")
    .values({ user_id: userId, name, token_hash: sha256(token), created_at: now.toISOString() })
    .execute();
  return token;
}

export async function resolveApiToken(db: Db, token: string, now: Date): Promise<AuthUser | null> {
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "revoked_at", "last_used_at"])
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const user = await findUserById(db, row.user_id);
  if (user?.active !== 1) return null;
  const stamp = now.toISOString();
  if (!row.last_used_at || stamp.slice(0, 13) !== row.last_used_at.slice(0, 13)) {
    await db.updateTable("api_tokens").set({ last_used_at: stamp }).where("id", "=", row.id).execute();
  }
  return toAuthUser(db, user);
}
