// What an uploaded logo really is, from its bytes: a PNG or a JPEG, whole (not cut off), at most
// MAX_LOGO_BYTES. The name and the browser's content type are not trusted.

/** 1 MiB: a logo on an A4 letter needs no more, and it is embedded in every printed quote. */
export const MAX_LOGO_BYTES = 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The last chunk of every PNG: length 0, "IEND", its CRC.
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const startsWith = (buf: Buffer, bytes: readonly number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
const endsWith = (buf: Buffer, bytes: readonly number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[buf.length - bytes.length + i] === b);

export type LogoType = "image/png" | "image/jpeg";

/** The logo's content type, or null when the bytes are not a whole PNG or JPEG. */
export function sniffLogo(buf: Buffer): LogoType | null {
  if (startsWith(buf, PNG_SIGNATURE) && endsWith(buf, PNG_END)) return "image/png";
  // JPEG: start of image FF D8 FF, end of image FF D9 (some cameras pad a few zero bytes after it).
  if (startsWith(buf, [0xff, 0xd8, 0xff]) && buf.length > 4) {
    let end = buf.length;
    while (end > 2 && buf[end - 1] === 0x00 && buf.length - end < 16) end--;
    if (buf[end - 2] === 0xff && buf[end - 1] === 0xd9) return "image/jpeg";
  }
  return null;
}
