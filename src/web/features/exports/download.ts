// Downloads a file the API streams (CSV or XLSX) with the session cookie, so that a refused request
// (403, a bad filter) becomes a message on the page instead of a saved error document.
import { ApiError, problemOf } from "../../api/client.js";

/** The file name of a Content-Disposition header, preferring the UTF-8 form (filename*=). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8.trim());
    } catch {
      // a malformed escape: try the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached");
  }
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get("content-disposition"), fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL can go a little later.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
