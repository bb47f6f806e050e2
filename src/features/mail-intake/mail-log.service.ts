// Logging a received mail as an e-mail contact moment on a relation, through the activities
// feature's services (the one writer of activities and their attachments). Used by the intake job
// for mails that matched persons and by the inbox when its owner assigns a mail to a relation.
import type { Db } from "../../db/kysely.js";
import { sniffAttachment } from "../activities/attachment-type.js";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_ACTIVITY, addAttachment } from "../activities/attachment.service.js";
import { createActivity } from "../activities/activity.service.js";
import type { AuthUser } from "../auth/auth-user.js";
import { safeFileName } from "../../server/uploads.js";

export interface MailContent {
  subject: string | null;
  text: string;
  sentAt: string | null;
  receivedAt: string;
}

export interface MailFile {
  fileName: string;
  content: Buffer;
}

export interface AttachmentProblem {
  fileName: string;
  reason: string;
}

const EARLIEST = "2000-01-01T00:00:00.000Z";

/** When it happened: the mail's Date header when plausible (not before 2000, not after receipt), else receipt. */
export function occurredAtOf(mail: MailContent): string {
  return mail.sentAt !== null && mail.sentAt >= EARLIEST && mail.sentAt <= mail.receivedAt ? mail.sentAt : mail.receivedAt;
}

/** The subject as the first line, then the text: what a contact moment's notes show. */
export function notesOf(mail: MailContent): string {
  const subject = mail.subject ?? "(geen onderwerp / no subject)";
  return mail.text === "" ? subject : `${subject}\n\n${mail.text}`;
}

/** A file name the attachment checks can judge: control characters out, an unusable name replaced. */
export function mailFileName(name: string, index: number): string {
  try {
    return safeFileName(name);
  } catch {
    const cleaned = name.replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
    return cleaned === "" ? `bijlage-${index + 1}` : safeFileName(cleaned);
  }
}

/** Which files the contact moment can take (type by content, size), and why the others cannot. */
export function checkMailFiles(files: readonly MailFile[]): { accepted: MailFile[]; problems: AttachmentProblem[] } {
  const accepted: MailFile[] = [];
  const problems: AttachmentProblem[] = [];
  files.forEach((file, i) => {
    const fileName = mailFileName(file.fileName, i);
    if (file.content.length > MAX_ATTACHMENT_BYTES) {
      problems.push({ fileName, reason: `larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
      return;
    }
    if (accepted.length >= MAX_ATTACHMENTS_PER_ACTIVITY) {
      problems.push({ fileName, reason: `a contact moment holds at most ${MAX_ATTACHMENTS_PER_ACTIVITY} attachments` });
      return;
    }
    const type = sniffAttachment(fileName, file.content);
    if (type.ok) accepted.push({ fileName, content: file.content });
    else problems.push({ fileName, reason: type.reason });
  });
  return { accepted, problems };
}

/**
 * One contact moment of kind e-mail on `relationId` by `owner`, with the persons named and the
 * accepted files; joins the caller's transaction. Returns the new contact moment's id.
 */
export async function logMailOnRelation(trx: Db, owner: AuthUser, relationId: number, personIds: readonly number[], mail: MailContent, files: readonly MailFile[], now: Date): Promise<number> {
  const activity = await createActivity(trx, owner, relationId, { kind: "email", occurredAt: occurredAtOf(mail), userIds: [owner.id], personIds: [...personIds], notes: notesOf(mail) }, now);
  for (const file of files) await addAttachment(trx, owner, activity.id, file.fileName, file.content, now);
  return activity.id;
}
