// The mail.intake job: reads one received mail (its raw bytes in job_files), parses it, finds the
// persons it names and logs it on their relations as an e-mail contact moment for its owner, or
// puts it in the owner's inbox. Everything a mail becomes is written in one transaction with its
// new state, so a crash leaves it "received" and the rerun starts again from the raw bytes.
import type { Updateable } from "kysely";
import type { Db } from "../../db/kysely.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { deleteJobFile, readJobFileBuffer } from "../jobs/job-files.js";
import { activePersonsByEmails } from "../persons/person.service.js";
import { findUserById } from "../users/user.repository.js";
import { toAuthUser } from "../users/user.service.js";
import { checkMailFiles, logMailOnRelation } from "./mail-log.service.js";
import { type ParsedMail, parseMail } from "./mail-parse.js";
import { HANDLED_MAIL_WIPE } from "./mail-inbox.service.js";
import type { MailMessagesTable } from "./mail-intake.table.js";

/** A mail naming more relations than this is a mailing, not a conversation: it waits in the inbox. */
const MAX_RELATIONS = 10;
/** Largest raw message read back (the receiver's own limit is lower). */
const MAX_RAW_BYTES = 210 * 1024 * 1024;

export interface MailIntakeResult {
  mailId: number;
  state: "logged" | "inbox" | "problem" | "skipped";
  activityIds: number[];
}

export const mailIntakeJob: JobHandler<{ mailId: number }> = async (ctx) => {
  const { db } = ctx;
  const mailId = ctx.params.mailId;
  const mail = await db.selectFrom("mail_messages").selectAll().where("id", "=", mailId).executeTakeFirst();
  if (mail?.state !== "received" || mail.raw_file_id === null) return { mailId, state: "skipped", activityIds: [] } satisfies MailIntakeResult;
  const ownerRow = await findUserById(db, mail.user_id);
  if (!ownerRow) return { mailId, state: "skipped", activityIds: [] } satisfies MailIntakeResult;
  const owner = await toAuthUser(db, ownerRow);
  const rawFileId = mail.raw_file_id;
  const now = ctx.now();
  const stamp = now.toISOString();

  let parsed: ParsedMail;
  try {
    parsed = await parseMail(await readJobFileBuffer(db, rawFileId, MAX_RAW_BYTES));
  } catch (error) {
    const problem = `The message could not be read as an e-mail: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    await ctx.commitBatch(null, (trx) => trx.updateTable("mail_messages").set({ state: "problem", problem, raw_file_id: null }).where("id", "=", mailId).where("state", "=", "received").execute());
    await deleteJobFile(db, rawFileId);
    return { mailId, state: "problem", activityIds: [] } satisfies MailIntakeResult;
  }

  // The owner's own address and Koers' logging addresses name nobody.
  const domain = ctx.config.mailLog?.domain ?? null;
  const isOurs = (a: string) => a === owner.email.toLowerCase() || (domain !== null && a.endsWith(`@${domain}`) && a.startsWith("log+"));
  const named = [parsed.fromAddress, ...parsed.to, ...parsed.cc].filter((a): a is string => a !== null && !isOurs(a));
  const persons = await activePersonsByEmails(db, named);
  const byRelation = new Map<number, number[]>();
  for (const p of persons) byRelation.set(p.relationId, [...(byRelation.get(p.relationId) ?? []), p.id]);
  // Mail from a stranger is never put on a timeline by itself: anyone may send to a leaked address.
  const senderKnown = parsed.fromAddress !== null && (parsed.fromAddress === owner.email.toLowerCase() || persons.some((p) => p.email === parsed.fromAddress));
  const content = { subject: parsed.subject, text: parsed.text, sentAt: parsed.sentAt, receivedAt: mail.received_at };
  const { accepted, problems } = checkMailFiles(parsed.attachments);
  const columns = {
    message_id: parsed.messageId ?? mail.message_id,
    from_address: parsed.fromAddress,
    from_name: parsed.fromName,
    to_addresses: JSON.stringify(parsed.to),
    cc_addresses: JSON.stringify(parsed.cc),
    subject: parsed.subject,
    body_text: parsed.text,
    sent_at: parsed.sentAt,
    attachment_problems: JSON.stringify(problems),
    raw_file_id: null,
  };

  const toInbox = !senderKnown || byRelation.size === 0 || byRelation.size > MAX_RELATIONS;
  // Every write claims the mail: one erased (GDPR) or handled meanwhile is dropped already and stays so.
  const claim = async (trx: Db, set: Updateable<MailMessagesTable>) =>
    Number((await trx.updateTable("mail_messages").set(set).where("id", "=", mailId).where("state", "=", "received").executeTakeFirst()).numUpdatedRows) === 1;
  const write = () => ctx.commitBatch(null, async (trx): Promise<MailIntakeResult> => {
    if (toInbox) {
      if (!(await claim(trx, { ...columns, state: "inbox", reason: senderKnown ? "no_match" : "unknown_sender" }))) return { mailId, state: "skipped", activityIds: [] };
      for (const file of accepted) await trx.insertInto("mail_attachments").values({ mail_id: mailId, file_name: file.fileName, size_bytes: file.content.length, content: file.content }).execute();
      return { mailId, state: "inbox", activityIds: [] } satisfies MailIntakeResult;
    }
    if (!(await claim(trx, { ...columns, ...HANDLED_MAIL_WIPE, state: "logged", handled_at: stamp }))) return { mailId, state: "skipped", activityIds: [] };
    const activityIds: number[] = [];
    for (const [relationId, personIds] of byRelation) {
      const id = await logMailOnRelation(trx, owner, relationId, personIds, content, accepted, now);
      await trx.insertInto("mail_message_activities").values({ mail_id: mailId, activity_id: id }).execute();
      activityIds.push(id);
    }
    // The text now lives in the contact moments (where GDPR erasure reaches it); no second copy here (the claim above wiped it).
    return { mailId, state: "logged", activityIds } satisfies MailIntakeResult;
  });
  let result: MailIntakeResult;
  try {
    result = await write();
  } catch (error) {
    // Never left "received" for ever: the owner sees it as a problem and can drop it.
    const problem = `Koers could not log this mail: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    await ctx.commitBatch(null, (trx) => trx.updateTable("mail_messages").set({ ...columns, state: "problem", problem }).where("id", "=", mailId).where("state", "=", "received").execute());
    result = { mailId, state: "problem", activityIds: [] };
  }
  await deleteJobFile(db, rawFileId);
  return result;
};
