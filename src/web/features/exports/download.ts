// Downloads a file the API streams (CSV or XLSX) with the session cookie, so that a refused request
// (403, a bad filter) becomes a message on the page instead of a saved error document.
import { apiResponse, type RequestOptions } from "../../api/client.js";

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

/** Fetches a file (GET, or POST with a JSON body for a report request) and hands it to the browser. */
export async function downloadFile(url: string, fallbackName: string, request: Pick<RequestOptions, "method" | "body"> = {}): Promise<string> {
  const response = await apiResponse(url, request);
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
