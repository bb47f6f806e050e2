// GDPR over HTTP: the access export (JSON download, readable HTML page) and erasure of a person.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest } from "../../api/client.js";

export const gdprExportUrl = (personId: number, format: "json" | "html") => `/api/persons/${personId}/gdpr-export?format=${format}`;

export interface ErasureResult {
  personId: number;
  erasedAt: string;
  contactMomentsKept: number;
  textsRedacted: number;
  mailsWiped: number;
}

/**
 * Opens the readable export in a new tab. The server sends it as a download (Content-Disposition:
 * attachment), so it is fetched here and shown from a blob URL; the tab is opened before the fetch
 * so that popup blockers see the user's click.
 */
export async function openGdprHtml(personId: number): Promise<void> {
  const tab = window.open("", "_blank");
  try {
    const response = await fetch(gdprExportUrl(personId, "html"), { credentials: "same-origin" });
    if (!response.ok) {
      // Let the client turn the problem+json into an ApiError (same words as everywhere else).
      await apiRequest(gdprExportUrl(personId, "html"));
    }
    const blob = new Blob([await response.text()], { type: "text/html;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
    // The tab has loaded it well before a minute is up; then the memory goes back.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

export function useErasePerson(relationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: number) => api.post<ErasureResult>(`/api/persons/${personId}/erase`, {}),
    onSuccess: (result) => {
      // The person, their consents and every text their name was blanked from.
      void queryClient.invalidateQueries({ queryKey: ["relations", "detail", relationId] });
      void queryClient.invalidateQueries({ queryKey: ["relations", "audit", relationId] });
      void queryClient.invalidateQueries({ queryKey: ["consents", result.personId] });
      void queryClient.invalidateQueries({ queryKey: ["activities", "relation", relationId] });
      void queryClient.invalidateQueries({ queryKey: ["followups"] });
      void queryClient.invalidateQueries({ queryKey: ["my-day"] });
    },
  });
}
