// Checks a ZIP container (XLSX) before any library unpacks it: the central directory must be sane
// and every entry must inflate to no more than it declares, within overall limits. A zip bomb
// (tiny file, gigabytes of XML) or a file that only claims to be a zip is refused as data.
import { inflateRawSync } from "node:zlib";
import { type Result, err, ok } from "../domain/result.js";

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries, in bytes. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of one entry, checked for entries above 1 MB. */
  maxRatio: number;
  maxEntries: number;
}

export const XLSX_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };

export type ZipProblem = { code: "not_a_zip" | "zip_bomb" | "unreadable"; message: string };

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries below this size may have any ratio: tiny XML parts compress oddly. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export function startsLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6);
}

const corrupt = (detail: string): Result<never, ZipProblem> =>
  err({ code: "unreadable", message: `The file is a damaged ZIP/XLSX file (${detail}); open it in Excel and save it again` });

function findEndOfCentralDirectory(buf: Buffer): number {
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes at the end of the file.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function readEntries(buf: Buffer, limits: ZipLimits): Result<Entry[], ZipProblem> {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return corrupt("no central directory");
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) return corrupt("bad ZIP64 locator");
    const z64 = Number(buf.readBigUInt64LE(locator + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD) return corrupt("bad ZIP64 directory");
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdSize = Number(buf.readBigUInt64LE(z64 + 40));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (count > limits.maxEntries) {
    return err({ code: "zip_bomb", message: `The file holds ${count} parts (at most ${limits.maxEntries} allowed); it is not a normal spreadsheet` });
  }
  if (cdOffset + cdSize > buf.length) return corrupt("central directory outside the file");
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return corrupt("broken central directory");
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const entry: Entry = {
      name: buf.toString("utf8", p + 46, p + 46 + nameLength),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    };
    readZip64Extra(buf, p + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** ZIP64 sizes live in extra field 0x0001, in this order, only for the fields that are 0xFFFFFFFF. */
function readZip64Extra(buf: Buffer, start: number, length: number, entry: Entry): void {
  for (let q = start; q + 4 <= start + length; ) {
    const id = buf.readUInt16LE(q);
    const size = buf.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const v = r + 8 <= q + 4 + size ? Number(buf.readBigUInt64LE(r)) : 0;
        r += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    }
    q += 4 + size;
  }
}

/**
 * Refuses anything that is not a sane ZIP within `limits`. Declared sizes are checked first (cheap),
 * then each entry is really inflated with an output cap, since a bomb may lie about its sizes.
 */
export function checkZip(data: Buffer, limits: ZipLimits = XLSX_ZIP_LIMITS): Result<{ names: string[]; uncompressedBytes: number }, ZipProblem> {
  if (!startsLikeZip(data)) {
    return err({ code: "not_a_zip", message: "The file is not an XLSX workbook (an XLSX file is a ZIP archive); save it as .xlsx or .csv" });
  }
  const read = readEntries(data, limits);
  if (!read.ok) return read;
  const bomb = (detail: string) => err({ code: "zip_bomb" as const, message: `The file unpacks to far more than a spreadsheet needs (${detail}); it is refused` });
  let declared = 0;
  for (const e of read.value) {
    declared += e.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) return bomb(`more than ${limits.maxUncompressedBytes / 1024 / 1024} MB`);
    if (e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      return bomb(`${e.name} is compressed more than ${limits.maxRatio} times`);
    }
  }
  let actual = 0;
  for (const e of read.value) {
    if ((e.flags & 1) !== 0) return err({ code: "unreadable", message: "The workbook is password-protected; remove the password and save it again" });
    const h = e.localHeaderOffset;
    if (h + 30 > data.length || data.readUInt32LE(h) !== LOCAL) return corrupt(`bad local header of ${e.name}`);
    const start = h + 30 + data.readUInt16LE(h + 26) + data.readUInt16LE(h + 28);
    if (start + e.compressedSize > data.length) return corrupt(`${e.name} is cut off`);
    const raw = data.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = raw.length;
    else if (e.method === 8) {
      try {
        // One byte more than declared: inflating past it proves the declared size was a lie.
        size = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          return bomb(`${e.name} inflates beyond its declared size`);
        }
        return corrupt(`${e.name} cannot be unpacked`);
      }
    } else return corrupt(`${e.name} uses compression method ${e.method}`);
    if (size !== e.uncompressedSize) return corrupt(`${e.name} is shorter than declared`);
    actual += size;
  }
  return ok({ names: read.value.map((e) => e.name), uncompressedBytes: actual });
}
