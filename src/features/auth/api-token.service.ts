// A user's API tokens as the UI lists them (never the token itself, which is shown once at
// creation) and their revocation. The owner and administrators may do both.
import type { Db } from "../../db/kysely.js";
import { can } from "../../domain/roles.js";
import { forbidden, notFound } from "../../server/errors.js";
import type { AuthUser } from "./auth-user.js";

export interface ApiTokenDto {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Your own tokens, or anyone's for an administrator; other users' tokens are refused (403). */
function checkOwnerOrAdmin(viewer: AuthUser, userId: number): void {
  if (viewer.id !== userId && !can(viewer.role, "users.manage")) throw forbidden("Only the owner or an administrator sees and revokes API tokens");
}

export async function listApiTokens(db: Db, viewer: AuthUser, userId: number): Promise<ApiTokenDto[]> {
  checkOwnerOrAdmin(viewer, userId);
  const rows = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** Revokes a token at once (its next request is refused); revoking twice keeps the first moment. */
export async function revokeApiToken(db: Db, viewer: AuthUser, tokenId: number, now: Date): Promise<ApiTokenDto> {
  const row = await db.selectFrom("api_tokens").select(["user_id"]).where("id", "=", tokenId).executeTakeFirst();
  // Someone else's token id answers as if it did not exist: ids cannot be probed.
  if (!row || (row.user_id !== viewer.id && !can(viewer.role, "users.manage"))) throw notFound(`API token ${tokenId}`);
  await db.updateTable("api_tokens").set({ revoked_at: now.toISOString() }).where("id", "=", tokenId).where("revoked_at", "is", null).execute();
  const tokens = await listApiTokens(db, viewer, row.user_id);
  return tokens.find((t) => t.id === tokenId) as ApiTokenDto;
}
