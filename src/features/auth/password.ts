// Passwords are hashed with argon2id (OWASP parameters: 19 MiB memory, 2 iterations).
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

/** The one password rule (CLI, administrator, reset link, own change): at least 8 characters. */
export function passwordProblems(password: string, field = "password"): { field: string; code: string; message: string }[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ field, code: "too_short", message: `needs at least ${MIN_PASSWORD_LENGTH} characters` }];
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified when no user matches, so a wrong e-mail costs as long as a wrong password.
const DUMMY_HASH = hash("not-a-real-password", OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await DUMMY_HASH), password);
  } catch {
    return false;
  }
}
