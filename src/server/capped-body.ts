// Asking a server named in a setting, and the body of its answer (routing server, geocoder), read up to a
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

/** Why a server named in a setting gave no answer to read. */
export interface NoAnswer {
  failure: "timeout" | "unreachable" | "redirect";
  detail: string;
}

/**
 * GET `url` with a time limit and no redirect followed (a 3xx is refused: a redirect could point
 * anywhere, docs/security.md); the answer to read, or why there is none. Callers turn a NoAnswer
 * into their own error type.
 */
export async function getWithoutRedirects(doFetch: typeof fetch, url: string, timeoutMs: number): Promise<Response | NoAnswer> {
  let res: Response;
  try {
    // "manual": a 3xx comes back as it is, never followed.
    res = await doFetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return timedOut ? { failure: "timeout", detail: `did not answer within ${timeoutMs} ms` } : { failure: "unreachable", detail: `cannot be reached (${error instanceof Error ? error.message : String(error)})` };
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    return { failure: "redirect", detail: `redirects (${res.status}); redirects are not followed` };
  }
  return res;
}
