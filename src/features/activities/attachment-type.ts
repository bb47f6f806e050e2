// What an uploaded file really is, from its first bytes (magic numbers) and, for Office files, the
// entries of its zip directory. The extension must agree with the content: an executable renamed to
// report.pdf is refused, and so is anything not on the list.

export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  txt: "text/plain; charset=utf-8",
  eml: "message/rfc822",
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

const startsWith = (buf: Buffer, bytes: readonly number[]) => bytes.every((b, i) => buf[i] === b);

/** Names of the entries in a zip's central directory (empty when it is not a readable zip). */
export function zipEntryNames(buf: Buffer): string[] {
  // End of central directory: signature 0x06054b50, at most 65,535 + 22 bytes from the end.
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count && n < 10_000; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return [];
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    names.push(buf.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Plain text: valid UTF-8 (or single-byte Windows-1252) without NUL or other binary control bytes. */
function looksLikeText(buf: Buffer): boolean {
  const sample = buf.subarray(0, 64 * 1024);
  for (const b of sample) {
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) return false;
  }
  return true;
}

/** An e-mail message: text that opens with header lines such as "From:", "Received:", "Subject:". */
function looksLikeEmail(buf: Buffer): boolean {
  if (!looksLikeText(buf)) return false;
  const head = buf.subarray(0, 8192).toString("latin1").replace(/^\uFEFF/, "");
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  return /^[A-Za-z][A-Za-z0-9-]*:/.test(firstLine) && /^(from|date|subject|received|return-path|mime-version|message-id|to):/im.test(head);
}

/** Executables and scripts are never text, whatever they are called. */
function looksExecutable(buf: Buffer): boolean {
  return (
    startsWith(buf, [0x4d, 0x5a]) || // MZ: Windows PE
    startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(buf, [0x23, 0x21]) // #! script
  );
}

export type SniffResult = { ok: true; extension: AttachmentExtension; contentType: string } | { ok: false; reason: string };

/** Accepts a file only when its extension is allowed and its content is of that type. */
export function sniffAttachment(fileName: string, buf: Buffer): SniffResult {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (!(ext in ATTACHMENT_TYPES)) {
    return { ok: false, reason: `files of type .${ext || "(none)"} are not accepted; allowed: ${Object.keys(ATTACHMENT_TYPES).join(", ")}` };
  }
  const extension = ext as AttachmentExtension;
  if (buf.length === 0) return { ok: false, reason: "the file is empty" };
  if (looksExecutable(buf)) return { ok: false, reason: "the file is a program, not a document" };
  let matches: boolean;
  switch (extension) {
    case "pdf":
      matches = startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
      break;
    case "png":
      matches = startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      break;
    case "jpg":
    case "jpeg":
      matches = startsWith(buf, [0xff, 0xd8, 0xff]);
      break;
    case "docx":
    case "xlsx": {
      const names = startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) ? zipEntryNames(buf) : [];
      const folder = extension === "docx" ? "word/" : "xl/";
      matches = names.includes("[Content_Types].xml") && names.some((n) => n.startsWith(folder));
      break;
    }
    case "txt":
      matches = looksLikeText(buf);
      break;
    case "eml":
      matches = looksLikeEmail(buf);
      break;
  }
  return matches ? { ok: true, extension, contentType: ATTACHMENT_TYPES[extension] } : { ok: false, reason: `the content is not a .${extension} file` };
}
