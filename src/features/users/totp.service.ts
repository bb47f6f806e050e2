// The optional second factor: a time-based one-time code (TOTP, RFC 6238: HMAC-SHA1, 6 digits,
// 30-second steps) from an authenticator app. A user sets it up on their account page (a secret
// shown as a QR code, proven with one code), logs in with password + code from then on, and turns
// it off with their password. An administrator can take it off a user who lost their phone. The
// company can require it for administrators (company settings). Each code works once: the time step
// of the last accepted code is kept and a code of that step or an earlier one is refused.
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { inTransaction, type Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { endSessionsOf } from "../auth/session.service.js";
import { writeAudit } from "../audit/audit.service.js";
import { totpRequiredForAdmins } from "../company/company.service.js";
import { checkCurrentPassword } from "./password-reset.service.js";

const PERIOD_SECONDS = 30;
/** Codes of one step before or after now are accepted: phone clocks drift, and typing takes time. */
const WINDOW_STEPS = 1;
const ISSUER = "Koers";

function totpOf(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The time step a code belongs to, or null when it is no valid code for `secret` around `now`. */
function stepOf(secret: string, email: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret, email).validate({ token, timestamp: now.getTime(), window: WINDOW_STEPS });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

export interface TotpStatusDto {
  enabled: boolean;
  enabledAt: string | null;
  /** The company requires the second factor of this user (administrators, when switched on). */
  required: boolean;
}

export interface TotpSetupDto {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code, an SVG data URL. */
  qrCode: string;
}

async function userRow(db: Db, userId: number) {
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "role", "active", "totp_secret", "totp_pending_secret", "totp_last_step", "totp_enabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound(`User ${userId}`);
  return row;
}

/** Whether the company requires a second factor of a user with this role. */
async function requiredFor(db: Db, role: string): Promise<boolean> {
  return role === "admin" && (await totpRequiredForAdmins(db));
}

export async function totpStatus(db: Db, userId: number): Promise<TotpStatusDto> {
  const row = await userRow(db, userId);
  return { enabled: row.totp_secret !== null, enabledAt: row.totp_enabled_at, required: await requiredFor(db, row.role) };
}

/**
 * True when this user must set up the second factor before doing anything else: the company
 * requires it for their role and they have none yet. Asked for every request of a session.
 */
export async function totpSetupRequired(db: Db, user: Pick<AuthUser, "id" | "role">): Promise<boolean> {
  if (user.role !== "admin") return false;
  if (!(await totpRequiredForAdmins(db))) return false;
  const row = await db.selectFrom("users").select("totp_secret").where("id", "=", user.id).executeTakeFirst();
  return row?.totp_secret === null;
}

/** Starts (or restarts) setting up: a new secret, kept aside until a code proves the app has it. */
export async function startTotpSetup(db: Db, user: AuthUser): Promise<TotpSetupDto> {
  const row = await userRow(db, user.id);
  if (row.totp_secret !== null) throw new AppError("conflict", "The second factor is on already; turn it off first to set up another app");
  // 20 random bytes: the key length RFC 4226 recommends for HMAC-SHA1.
  const secret = new Secret({ size: 20 }).base32;
  await db.updateTable("users").set({ totp_pending_secret: secret }).where("id", "=", user.id).execute();
  const otpauthUri = totpOf(secret, row.email).toString();
  const svg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/**
 * Turns the second factor on with a code from the app being set up. The user's other sessions end
 * (a new factor is a new lock: whoever else was logged in logs in again with it).
 */
export async function confirmTotpSetup(db: Db, user: AuthUser, code: string, keepSessionToken: string | null, now: Date): Promise<TotpStatusDto> {
  const row = await userRow(db, user.id);
  if (row.totp_pending_secret === null) throw new AppError("conflict", "Start setting up the second factor first");
  const step = stepOf(row.totp_pending_secret, row.email, code, now);
  if (step === null) throw invalid(fieldProblem("code", "totp_code_wrong"));
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, totp_enabled_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await writeAudit(trx, { entity: "user", entityId: user.id, relationId: null, userId: user.id, at: now.toISOString() }, [["totp", "off", "on"]]);
    await endSessionsOf(trx, user.id, keepSessionToken);
  });
  return totpStatus(db, user.id);
}

/** Turns one's own second factor off (the password is required; not when the company requires it). */
export async function disableOwnTotp(db: Db, user: AuthUser, currentPassword: string, now: Date): Promise<TotpStatusDto> {
  const row = await userRow(db, user.id);
  if (await requiredFor(db, row.role)) throw new AppError("rule_violation", "The company requires a second factor for administrators", [fieldProblem("totp", "totp_required_by_company")]);
  const problems = await checkCurrentPassword(db, user.id, currentPassword, now);
  if (problems.length > 0) throw invalid(...problems);
  await clearTotp(db, user.id, user.id, row.totp_secret !== null, now);
  return totpStatus(db, user.id);
}

/**
 * An administrator takes the second factor off a user (a lost phone). The user's sessions end;
 * they log in with their password and set up a new app (at once, when the company requires one).
 */
export async function resetTotpOf(db: Db, admin: AuthUser, userId: number, now: Date): Promise<TotpStatusDto> {
  const row = await userRow(db, userId);
  await inTransaction(db, async (trx) => {
    await clearTotp(trx, userId, admin.id, row.totp_secret !== null, now);
    await endSessionsOf(trx, userId);
  });
  return totpStatus(db, userId);
}

async function clearTotp(db: Db, userId: number, byUserId: number, wasOn: boolean, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, totp_enabled_at: null, updated_at: now.toISOString() })
      .where("id", "=", userId)
      .execute();
    if (wasOn) await writeAudit(trx, { entity: "user", entityId: userId, relationId: null, userId: byUserId, at: now.toISOString() }, [["totp", "on", "off"]]);
  });
}

/** Does this user log in with a second factor? */
export function hasTotp(row: { totp_secret: string | null }): boolean {
  return row.totp_secret !== null;
}

/**
 * Checks a login code and uses it up. False for a wrong code and for a code (or an earlier one)
 * that was accepted before: the conditional update lets only one of two racing logins through.
 */
export async function redeemLoginCode(db: Db, user: { id: number; email: string; totp_secret: string | null }, code: string, now: Date): Promise<boolean> {
  if (user.totp_secret === null) return false;
  const step = stepOf(user.totp_secret, user.email, code, now);
  if (step === null) return false;
  const result = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", user.id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
