// Attachments of contact moments, stored as blobs in the database (bytea / blob) rather than on disk:
// backups, transactions and several server instances then need nothing extra. Each file is at most
// MAX_ATTACHMENT_BYTES, and its type is checked by content (attachment-type.ts).
import { createHash } from "node:crypto";
import { type Db, inTransaction } from "../../db/kysely.js";
import { AppError, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { sniffAttachment } from "./attachment-type.js";

/** 10 MB: documents and photos of a visit; larger files belong in a document system. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** More than this many files on one contact moment is a mistake, not a report. */
export const MAX_ATTACHMENTS_PER_ACTIVITY = 50;

/** `fileName` is already made safe by the upload (server/uploads.ts safeFileName). */
export async function addAttachment(db: Db, user: AuthUser, activityId: number, fileName: string, content: Buffer, now: Date) {
  const activity = await db.selectFrom("activities").select(["id", "relation_id"]).where("id", "=", activityId).executeTakeFirst();
  if (!activity) throw notFound(`Contact moment ${activityId}`);
  if (content.length > MAX_ATTACHMENT_BYTES) throw new AppError("payload_too_large", `An attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const type = sniffAttachment(fileName, content);
  if (!type.ok) throw new AppError("unsupported_media_type", `${fileName || "The file"}: ${type.reason}`);
  const count = await db
    .selectFrom("activity_attachments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("activity_id", "=", activityId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ATTACHMENTS_PER_ACTIVITY) throw new AppError("rule_violation", `A contact moment holds at most ${MAX_ATTACHMENTS_PER_ACTIVITY} attachments`);

  const stamp = now.toISOString();
  // Joins the caller's transaction when handed one (a received mail logs its contact moment and files together).
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("activity_attachments")
      .values({
        activity_id: activityId,
        file_name: fileName,
        content_type: type.contentType,
        size_bytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
        content,
        uploaded_by: user.id,
        uploaded_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { entity: "activity", entityId: activityId, relationId: activity.relation_id, userId: user.id, at: stamp }, [["attachment", null, fileName]]);
    return {
      id: row.id,
      fileName,
      contentType: type.contentType,
      sizeBytes: content.length,
      uploadedBy: { id: user.id, name: user.name },
      uploadedAt: stamp,
      url: `/api/attachments/${row.id}`,
    };
  });
}

export async function readAttachment(db: Db, id: number) {
  const row = await db
    .selectFrom("activity_attachments")
    .select(["id", "file_name", "content_type", "size_bytes", "content"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Attachment ${id}`);
  return { ...row, content: Buffer.from(row.content) };
}
