// The owner's inbox of received mails that matched nobody, came from an unknown sender, or could not
// be read: listed, assigned to a relation (becoming an e-mail contact moment) or dropped. Every
// question is built for the viewer: `user_id = viewer.id`, so another user's mail does not exist for
// them (404), whatever their role — an administrator included.
import type { Db } from "../../db/kysely.js";
import type { Viewer } from "../../domain/access.js";
import { AppError, notFound } from "../../server/errors.js";
import { relationsOfActivities } from "../activities/activity.service.js";
import type { AuthUser } from "../auth/auth-user.js";
import type { MailMessagesTable } from "./mail-intake.table.js";
import { type AttachmentProblem, logMailOnRelation } from "./mail-log.service.js";
import { readJobFileHead } from "../jobs/job-files.js";
import { erasedKeyOf, headerBlock, MAX_HEADER_BYTES } from "./mail-store.service.js";

export interface InboxMailDto {
  id: number;
  state: MailMessagesTable["state"];
  reason: MailMessagesTable["reason"];
  from: { address: string | null; name: string | null };
  to: string[];
  cc: string[];
  subject: string | null;
  text: string | null;
  sentAt: string | null;
  receivedAt: string;
  sizeBytes: number;
  attachments: { id: number; fileName: string; sizeBytes: number }[];
  attachmentProblems: AttachmentProblem[];
  problem: string | null;
}

/** Nothing is readable without a user: the system viewer has no inbox (fails closed). */
function ownerId(viewer: Viewer): number {
  if (viewer.id === null) throw new AppError("forbidden", "Only a user has an inbox");
  return viewer.id;
}

const WAITING = ["inbox", "problem"] as const;

/** What a handled mail no longer keeps: its text and who it named live on in the contact moments only (GDPR erasure reaches them there). */
export const HANDLED_MAIL_WIPE = { body_text: null, to_addresses: "[]", cc_addresses: "[]" } as const;

const jsonList = <T>(text: string): T[] => {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
};

async function toDtos(db: Db, rows: readonly (Omit<MailMessagesTable, "id" | "to_addresses" | "cc_addresses" | "attachment_problems"> & { id: number; to_addresses: string; cc_addresses: string; attachment_problems: string })[]): Promise<InboxMailDto[]> {
  const ids = rows.map((r) => r.id);
  const files = ids.length === 0 ? [] : await db.selectFrom("mail_attachments").select(["id", "mail_id", "file_name", "size_bytes"]).where("mail_id", "in", ids).orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    reason: r.reason,
    from: { address: r.from_address ?? r.envelope_from, name: r.from_name },
    to: jsonList<string>(r.to_addresses),
    cc: jsonList<string>(r.cc_addresses),
    subject: r.subject,
    text: r.body_text,
    sentAt: r.sent_at,
    receivedAt: r.received_at,
    sizeBytes: r.size_bytes,
    attachments: files.filter((f) => f.mail_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name, sizeBytes: f.size_bytes })),
    attachmentProblems: jsonList<AttachmentProblem>(r.attachment_problems),
    problem: r.problem,
  }));
}

const COLUMNS = [
  "id", "state", "reason", "envelope_from", "from_address", "from_name", "to_addresses", "cc_addresses", "subject", "body_text",
  "sent_at", "received_at", "size_bytes", "problem", "attachment_problems", "user_id", "dedupe_key", "message_id", "raw_file_id", "handled_by", "handled_at",
] as const;

export interface LoggedMailDto {
  id: number;
  subject: string | null;
  from: string | null;
  receivedAt: string;
  /** The relations whose timelines got it (one contact moment each). */
  relations: { id: number; name: string; activityId: number }[];
}

/** The viewer's last mails that went onto timelines: proof that the BCC address works. */
async function recentlyLogged(db: Db, owner: number): Promise<LoggedMailDto[]> {
  const rows = await db
    .selectFrom("mail_messages")
    .select(["id", "subject", "from_address", "received_at"])
    .where("user_id", "=", owner)
    .where("state", "=", "logged")
    .orderBy("handled_at", "desc")
    .orderBy("id", "desc")
    .limit(RECENT)
    .execute();
  const links = rows.length === 0 ? [] : await db.selectFrom("mail_message_activities").select(["mail_id", "activity_id"]).where("mail_id", "in", rows.map((r) => r.id)).orderBy("activity_id").execute();
  const relations = await relationsOfActivities(db, links.map((l) => l.activity_id));
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    from: r.from_address,
    receivedAt: r.received_at,
    relations: links.filter((l) => l.mail_id === r.id).flatMap((l) => {
      const relation = relations.get(l.activity_id);
      return relation ? [{ ...relation, activityId: l.activity_id }] : [];
    }),
  }));
}

const RECENT = 10;

/** The viewer's waiting mails, newest first (at most 200: an inbox is worked through, not archived). */
export async function listInbox(db: Db, viewer: Viewer): Promise<{ items: InboxMailDto[]; received: number; logged: LoggedMailDto[] }> {
  const owner = ownerId(viewer);
  const rows = await db.selectFrom("mail_messages").select(COLUMNS).where("user_id", "=", owner).where("state", "in", [...WAITING]).orderBy("received_at", "desc").orderBy("id", "desc").limit(200).execute();
  // Mails still being read by the intake job: the page says "n on the way".
  const pending = await db.selectFrom("mail_messages").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", owner).where("state", "=", "received").executeTakeFirstOrThrow();
  return { items: await toDtos(db, rows), received: Number(pending.n), logged: await recentlyLogged(db, owner) };
}

async function ownMail(db: Db, viewer: Viewer, id: number) {
  const row = await db.selectFrom("mail_messages").select(COLUMNS).where("id", "=", id).where("user_id", "=", ownerId(viewer)).executeTakeFirst();
  if (!row) throw notFound(`Mail ${id}`);
  return row;
}

export async function getInboxMail(db: Db, viewer: Viewer, id: number): Promise<InboxMailDto> {
  return (await toDtos(db, [await ownMail(db, viewer, id)]))[0] as InboxMailDto;
}

/** The mail becomes an e-mail contact moment on the relation, with the persons chosen and its files. */
export async function assignMail(db: Db, user: AuthUser, id: number, input: { relationId: number; personIds?: number[] }, now: Date): Promise<{ activityId: number }> {
  const mail = await ownMail(db, user, id);
  if (mail.state !== "inbox") throw new AppError("conflict", mail.state === "problem" ? "This message could not be read; it can only be dropped" : `This mail is already ${mail.state}`);
  const files = await db.selectFrom("mail_attachments").select(["file_name", "content"]).where("mail_id", "=", id).orderBy("id").execute();
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Claimed first: of two clicks at once only one logs the mail.
    const claim = await trx.updateTable("mail_messages").set({ state: "logged", handled_by: user.id, handled_at: stamp, ...HANDLED_MAIL_WIPE }).where("id", "=", id).where("state", "=", "inbox").executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) throw new AppError("conflict", "This mail was handled meanwhile");
    const activityId = await logMailOnRelation(
      trx,
      user,
      input.relationId,
      input.personIds ?? [],
      { subject: mail.subject, text: mail.body_text ?? "", sentAt: mail.sent_at, receivedAt: mail.received_at },
      files.map((f) => ({ fileName: f.file_name, content: Buffer.from(f.content) })),
      now,
    );
    await trx.insertInto("mail_message_activities").values({ mail_id: id, activity_id: activityId }).execute();
    await trx.deleteFrom("mail_attachments").where("mail_id", "=", id).execute();
    return { activityId };
  });
}

/** Thrown away: text, recipients and files go; the row stays so the same mail arriving again stays dropped. */
export async function dropMail(db: Db, viewer: Viewer, id: number, now: Date): Promise<void> {
  const mail = await ownMail(db, viewer, id);
  if (mail.state !== "inbox" && mail.state !== "problem") throw new AppError("conflict", `This mail is already ${mail.state}`);
  await db.transaction().execute(async (trx) => {
    // Claimed like an assignment: a mail logged meanwhile is not dropped after all.
    const claim = await trx
      .updateTable("mail_messages")
      .set({ state: "dropped", handled_by: ownerId(viewer), handled_at: now.toISOString(), ...HANDLED_MAIL_WIPE })
      .where("id", "=", id)
      .where("state", "in", [...WAITING])
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) throw new AppError("conflict", "This mail was handled meanwhile");
    await trx.deleteFrom("mail_attachments").where("mail_id", "=", id).execute();
  });
}

/** A mail's raw header names the address (From, To, Cc, Reply-To, Return-Path, Delivered-To…): case-insensitive, whole address. */
export function headerNames(header: string, address: string): boolean {
  const text = header.toLowerCase();
  const isPart = (c: string | undefined) => c !== undefined && /[a-z0-9._%+\-@]/.test(c);
  for (let at = text.indexOf(address); at >= 0; at = text.indexOf(address, at + 1)) {
    if (!isPart(text[at - 1]) && !isPart(text[at + address.length])) return true;
  }
  return false;
}

type MailRow = Awaited<ReturnType<typeof mailRowsNaming>>[number];

const NAMING_COLUMNS = [
  "m.id", "m.state", "m.user_id", "u.name as owner_name", "m.from_address", "m.from_name", "m.envelope_from", "m.to_addresses", "m.cc_addresses",
  "m.subject", "m.body_text", "m.received_at", "m.handled_at", "m.raw_file_id", "m.dedupe_key", "m.message_id",
] as const;

/** Candidate rows: an address column names it, or the mail is still raw (received: only its header tells). */
async function mailRowsNaming(db: Db, address: string) {
  // A LIKE on the JSON lists narrows the rows (its _ and % only widen the match); the check after decides.
  const quoted = `%${JSON.stringify(address)}%`;
  return db
    .selectFrom("mail_messages as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(NAMING_COLUMNS)
    .where((eb) =>
      eb.or([
        eb("m.from_address", "=", address),
        eb("m.envelope_from", "=", address),
        eb("m.to_addresses", "like", quoted),
        eb("m.cc_addresses", "like", quoted),
        eb.and([eb("m.state", "=", "received"), eb("m.raw_file_id", "is not", null)]),
      ]),
    )
    .orderBy("m.id")
    .execute();
}

/** Every mail row in any state that holds `email`: as sender, envelope sender, recipient, or in a raw message's header. */
async function mailsOf(db: Db, email: string): Promise<{ row: MailRow; header: string | null }[]> {
  const address = email.trim().toLowerCase();
  if (address === "") return [];
  const out: { row: MailRow; header: string | null }[] = [];
  for (const r of await mailRowsNaming(db, address)) {
    const named = r.from_address === address || r.envelope_from?.toLowerCase() === address || jsonList<string>(r.to_addresses).includes(address) || jsonList<string>(r.cc_addresses).includes(address);
    // Not read by the intake job yet: what it names is in the raw message's header lines only.
    const header = r.state === "received" && r.raw_file_id !== null ? headerBlock(await readJobFileHead(db, r.raw_file_id, MAX_HEADER_BYTES)) : null;
    if (named || (header !== null && headerNames(header, address))) out.push({ row: r, header });
  }
  return out;
}

export interface PersonMailDto {
  id: number;
  /** received: stored, not read yet · inbox / problem: waits for its owner · logged / dropped: handled, the row still names them. */
  state: MailMessagesTable["state"];
  /** Whose inbox it is in. */
  heldFor: string;
  from: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  text: string | null;
  receivedAt: string;
}

/** The header of a mail not read yet, as the export shows it (decoded by the same parser the intake job uses). */
async function headerFields(header: string): Promise<{ from: string | null; to: string[]; cc: string[]; subject: string | null }> {
  try {
    const { parseMail } = await import("./mail-parse.js");
    const parsed = await parseMail(Buffer.from(`${header}\r\n\r\n`, "latin1"));
    return { from: parsed.fromAddress, to: parsed.to, cc: parsed.cc, subject: parsed.subject };
  } catch {
    return { from: null, to: [], cc: [], subject: null };
  }
}

/**
 * For the GDPR export: every mail row from or to the person's address, whatever its state (a logged
 * mail's text lives on as a contact moment, exported there). A mail not read yet shows its header.
 */
export async function mailsOfAddress(db: Db, email: string | null): Promise<PersonMailDto[]> {
  if (email === null) return [];
  const out: PersonMailDto[] = [];
  for (const { row: r, header } of await mailsOf(db, email)) {
    const fields = header !== null ? await headerFields(header) : null;
    out.push({
      id: r.id,
      state: r.state,
      heldFor: r.owner_name,
      from: fields ? (fields.from ?? r.envelope_from) : (r.from_address ?? r.envelope_from),
      to: fields ? fields.to : jsonList<string>(r.to_addresses),
      cc: fields ? fields.cc : jsonList<string>(r.cc_addresses),
      subject: fields ? fields.subject : r.subject,
      text: r.body_text,
      receivedAt: r.received_at,
    });
  }
  return out;
}

/**
 * For the GDPR erasure (joins its transaction): every mail row that holds the address loses it.
 * Mails not handled yet (received, inbox, problem) are dropped and wiped — text, subject, addresses,
 * files, raw message (an intake job still to run then finds nothing to read); handled mails (logged,
 * dropped) forget sender, recipients, subject and text. The rows stay, without personal data, so the
 * same mail arriving again stays dropped; the Message-ID (which may carry a name or address) is kept
 * only as a hash that still recognises it. Returns how many mails were dropped and the raw files to delete.
 */
const hashedKey = (key: string) => (key.startsWith("erased:") ? key : erasedKeyOf(key));

export async function eraseMailsOfAddress(trx: Db, email: string | null, userId: number | null, now: Date): Promise<{ mails: number; rawFileIds: number[] }> {
  if (email === null || email.trim() === "") return { mails: 0, rawFileIds: [] };
  const found = (await mailsOf(trx, email)).map((f) => f.row);
  const wipe = { ...HANDLED_MAIL_WIPE, subject: null, from_address: null, from_name: null, envelope_from: null, problem: null, attachment_problems: "[]", raw_file_id: null, message_id: null };
  const open = found.filter((r) => r.state === "received" || r.state === "inbox" || r.state === "problem");
  if (found.length > 0) await trx.deleteFrom("mail_attachments").where("mail_id", "in", found.map((r) => r.id)).execute();
  for (const r of found) {
    const handled = r.state === "logged" || r.state === "dropped";
    await trx
      .updateTable("mail_messages")
      .set({ ...wipe, dedupe_key: hashedKey(r.dedupe_key), ...(handled ? {} : { state: "dropped", handled_by: userId, handled_at: now.toISOString() }) })
      .where("id", "=", r.id)
      .execute();
  }
  return { mails: open.length, rawFileIds: found.flatMap((r) => (r.raw_file_id === null ? [] : [r.raw_file_id])) };
}
