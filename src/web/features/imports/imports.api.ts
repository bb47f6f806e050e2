// The import flow over HTTP: upload (multipart) → job with headers, samples and a proposed or
// remembered mapping → chosen mapping → preview (row actions and row problems) → commit.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import type { ImportJob as ImportJobSchema, Preview as PreviewSchema } from "../../../features/imports/import.schemas.js";
import { api, apiRequest, queryString } from "../../api/client.js";

export type ImportJob = Static<typeof ImportJobSchema>;
export type ImportPreview = Static<typeof PreviewSchema>;
export type ImportKind = "relations" | "persons";
export type ImportCounts = NonNullable<ImportJob["counts"]>;
export type RowProblem = ImportPreview["problems"][number];
export type PreviewRow = ImportPreview["rows"][number];

/** The server's limit (MAX_TABLE_FILE_BYTES and the multipart limit): 50 MB. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** What the file chooser offers; the server decides on the content, not on the name. */
export const ACCEPTED_IMPORT_FILES = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ACCEPTED_EXTENSIONS = ["csv", "txt", "tsv", "xlsx", "xlsm"];

export const importKeys = {
  job: (id: number) => ["imports", "job", id] as const,
  preview: (id: number, offset: number, limit: number) => ["imports", "preview", id, offset, limit] as const,
  previewAll: (id: number) => ["imports", "preview", id] as const,
};

/** A check before sending: the wrong kind of file or one above the limit never leaves the browser. */
export function localFileProblem(file: File): "wrongType" | "tooLarge" | "empty" | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!ACCEPTED_EXTENSIONS.includes(extension)) return "wrongType";
  if (file.size > MAX_IMPORT_BYTES) return "tooLarge";
  if (file.size === 0) return "empty";
  return null;
}

/** Sends the file as multipart/form-data. */
export async function uploadImportFile(kind: ImportKind, file: File): Promise<ImportJob> {
  const form = new FormData();
  form.append("kind", kind);
  form.append("file", file, file.name);
  return api.upload<ImportJob>(`/api/imports${queryString({ kind })}`, form);
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => uploadImportFile(kind, file),
    onSuccess: (job) => queryClient.setQueryData(importKeys.job(job.id), job),
  });
}

/** The statuses in which a background job works on the import: the page follows it. */
export const WORKING = ["reading", "analysing", "committing"];

export function useImportJob(id: number) {
  return useQuery({
    queryKey: importKeys.job(id),
    queryFn: ({ signal }) => api.get<ImportJob>(`/api/imports/${id}`, signal),
    enabled: id > 0,
    refetchInterval: (query) => (query.state.data && WORKING.includes(query.state.data.status) ? 500 : false),
  });
}

export function useSetMapping(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mapping: Record<string, number>) => apiRequest<ImportJob>(`/api/imports/${id}/mapping`, { method: "PUT", body: { mapping } }),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(id), job);
      void queryClient.invalidateQueries({ queryKey: importKeys.previewAll(id) });
    },
  });
}

/** The plan the background job stored; read once the file has been checked (analysed or invalid). */
export function useImportPreview(id: number, offset: number, limit: number, ready: boolean) {
  return useQuery({
    queryKey: importKeys.preview(id, offset, limit),
    queryFn: ({ signal }) => api.get<ImportPreview>(`/api/imports/${id}/preview${queryString({ offset, limit })}`, signal),
    placeholderData: keepPreviousData,
    enabled: ready,
    staleTime: 0,
  });
}

/** The rows an import of the good rows set aside, with their reasons, as a file to correct. */
export const rejectedRowsUrl = (id: number, format: "xlsx" | "csv", lang: string) => `/api/imports/${id}/rejected?format=${format}&lang=${lang === "en" ? "en" : "nl"}`;

/** Starts a commit that failed again (the lines already written are found unchanged). */
export const retryCommit = (id: number) => apiRequest<ImportJob>(`/api/imports/${id}/commit`, { method: "POST" });

export function useCommitImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    // skipInvalid: import the good rows and keep the rejected ones for download (the user's choice).
    mutationFn: (options: { skipInvalid?: boolean } | undefined) =>
      apiRequest<ImportJob>(`/api/imports/${id}/commit${options?.skipInvalid ? "?skipInvalid=true" : ""}`, { method: "POST" }),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(id), job);
      // New and changed relations show up in every list and detail.
      void queryClient.invalidateQueries({ queryKey: ["relations"] });
    },
  });
}
