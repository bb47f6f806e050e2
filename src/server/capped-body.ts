// The body of an answer from a server named in a setting (routing server, geocoder), read up to a
// limit: a misconfigured or hostile server must not make Koers hold hundreds of megabytes. The
// declared length is checked first, then the bytes as they come; past the limit the stream is
// cancelled and `tooLarge` says why in the caller's own error type.

/** The body as UTF-8 text, at most `maxBytes` bytes; throws `tooLarge(detail)` beyond that. */
export async function readCappedText(res: Response, maxBytes: number, tooLarge: (detail: string) => Error): Promise<string> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(`(${declared} bytes) is larger than ${maxBytes} bytes`);
  if (!res.body) return "";
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(`is larger than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}
