// Password links: an administrator starts one for a user; Koers stores only the SHA-256 of a random
// token, mails the link (or shows it when no mail server is set), and the user opens it once within
// RESET_HOURS to choose a password. Choosing one ends every session of the user.
import type { SmtpConfig } from "../../config.js";
import type { Db } from "../../db/kysely.js";
import { inTransaction } from "../../db/kysely.js";
import { AppError, type FieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { hashPassword, passwordProblems, verifyPassword } from "../auth/password.js";
import { endSessionsOf, LOGIN_LIMIT, randomSecret, secretHash } from "../auth/session.service.js";
import { MailError, sendMail } from "../mail/mailer.js";
import { SYSTEM_USER } from "./user.service.js";

/** Hours a password link stays valid. */
export const RESET_HOURS = 24;

/** The page of the web app that reads the token from the fragment (never sent to the server in a URL). */
export const RESET_PATH = "/wachtwoord-kiezen";

export interface PasswordLinkDto {
  delivery: "sent" | "shown";
  url: string | null;
  email: string;
  expiresAt: string;
}

function mailText(name: string, url: string, expiresAt: Date): { subject: string; text: string } {
  const until = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", dateStyle: "long", timeStyle: "short" }).format(expiresAt);
  return {
    subject: "Kies je wachtwoord voor Koers",
    text: [
      `Beste ${name},`,
      "",
      "Een beheerder heeft een link voor je gemaakt om een (nieuw) wachtwoord voor Koers te kiezen:",
      "",
      url,
      "",
      `De link werkt één keer en tot ${until}. Heb je hier niet om gevraagd? Dan kun je dit bericht negeren.`,
    ].join("\n"),
  };
}

/**
 * Starts a password link for user `userId`; earlier unused links of the user stop working. Mails it
 * when `smtp` is set; otherwise the link is returned for the administrator to pass on.
 */
export async function startPasswordReset(
  db: Db,
  /** The administrator who starts it; null from the command line. */
  startedBy: number | null,
  userId: number,
  baseUrl: string,
  smtp: SmtpConfig | null,
  now: Date,
): Promise<PasswordLinkDto> {
  const user = await db.selectFrom("users").select(["id", "email", "name", "active"]).where("id", "=", userId).where("email", "!=", SYSTEM_USER.email).executeTakeFirst();
  if (!user) throw notFound(`User ${userId}`);
  if (user.active !== 1) throw new AppError("rule_violation", "This user is deactivated; reactivate them before sending a password link", [{ field: "active", code: "user_inactive", message: "is a user who no longer works here" }]);
  const token = randomSecret(32);
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3_600_000);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("password_resets").where("user_id", "=", userId).where("used_at", "is", null).execute();
    await trx
      .insertInto("password_resets")
      .values({ user_id: userId, token_hash: secretHash(token), created_by: startedBy, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null })
      .execute();
  });
  const url = `${baseUrl}${RESET_PATH}#token=${token}`;
  if (smtp === null) return { delivery: "shown", url, email: user.email, expiresAt: expiresAt.toISOString() };
  try {
    await sendMail(smtp, { to: user.email, ...mailText(user.name, url, expiresAt) });
  } catch (error) {
    // The link is useless if it never arrives: drop it so no live secret stays behind.
    await db.deleteFrom("password_resets").where("token_hash", "=", secretHash(token)).execute();
    const reason = error instanceof MailError ? error.message : String(error);
    throw new AppError("unavailable", `The password link could not be mailed (${reason}); try again or check the mail settings`);
  }
  return { delivery: "sent", url: null, email: user.email, expiresAt: expiresAt.toISOString() };
}

async function liveReset(db: Db, token: string, now: Date) {
  const row = await db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.id", "password_resets.user_id", "password_resets.expires_at", "password_resets.used_at", "users.email", "users.name", "users.active"])
    .where("password_resets.token_hash", "=", secretHash(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString() || row.active !== 1) {
    throw new AppError("password_link_invalid");
  }
  return row;
}

/** Whom a link is for (shown on the page before choosing), or 410 when it is used, expired or unknown. */
export async function lookUpPasswordReset(db: Db, token: string, now: Date): Promise<{ email: string; name: string; expiresAt: string }> {
  const row = await liveReset(db, token, now);
  return { email: row.email, name: row.name, expiresAt: row.expires_at };
}

/** Sets the password of a link's user, uses the link up and ends all the user's sessions. */
export async function completePasswordReset(db: Db, token: string, password: string, now: Date): Promise<{ email: string }> {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw invalid(...problems);
  const row = await liveReset(db, token, now);
  const hash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    // Conditional on used_at: two tabs submitting at once use the link once.
    const used = await trx.updateTable("password_resets").set({ used_at: now.toISOString() }).where("id", "=", row.id).where("used_at", "is", null).executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) throw new AppError("password_link_invalid");
    await trx.updateTable("users").set({ password_hash: hash, updated_at: now.toISOString() }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("login_attempts").where("email", "=", row.email).execute();
    await endSessionsOf(trx, row.user_id);
  });
  return { email: row.email };
}

/**
 * A user changes their own password with the current one. Their other sessions end; the one they
 * are using (`currentSessionToken`) stays, so they are not logged out by their own change.
 */
/**
 * Checks the user's current password before a change to their own security (a new password, the
 * second factor off). Wrong passwords count with failed logins, so a stolen session cannot guess the
 * password faster than the login page allows. Returns the problems (empty when it is right).
 */
export async function checkCurrentPassword(db: Db, userId: number, currentPassword: string, now: Date): Promise<FieldProblem[]> {
  const row = await db.selectFrom("users").select(["email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const windowStart = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000).toISOString();
  const failed = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", row.email)
    .where("at", ">", windowStart)
    .executeTakeFirstOrThrow();
  if (Number(failed.n) >= LOGIN_LIMIT.attempts) {
    throw new AppError("rate_limited", `Too many wrong passwords; try again in ${LOGIN_LIMIT.windowMinutes} minutes`, [], { "retry-after": String(LOGIN_LIMIT.windowMinutes * 60) });
  }
  if (await verifyPassword(row.password_hash, currentPassword)) return [];
  await db.insertInto("login_attempts").values({ email: row.email, ip: "", at: now.toISOString() }).execute();
  return [{ field: "currentPassword", code: "password_wrong", message: "is not your current password" }];
}

export async function changeOwnPassword(db: Db, user: AuthUser, currentPassword: string, newPassword: string, currentSessionToken: string | null, now: Date): Promise<void> {
  const problems = [...(await checkCurrentPassword(db, user.id, currentPassword, now)), ...passwordProblems(newPassword, "newPassword")];
  if (problems.length > 0) throw invalid(...problems);
  const hash = await hashPassword(newPassword);
  await inTransaction(db, async (trx) => {
    await trx.updateTable("users").set({ password_hash: hash, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
    await endSessionsOf(trx, user.id, currentSessionToken);
  });
}
