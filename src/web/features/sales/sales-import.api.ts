// Sales imports over HTTP: upload (the file is analysed by a background job), the import with its
// mapping and counts (polled while a job runs), the problems by row and column, a new mapping, commit.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SalesAnalysis } from "../../../features/sales/sales-analyse.job.js";
import type { SalesCommitResult } from "../../../features/sales/sales-commit.job.js";
import { api, apiRequest, queryString } from "../../api/client.js";
import type { Job } from "../jobs/jobs.api.js";

export type SalesImportStatus = "reading" | "mapping" | "analysing" | "analysed" | "invalid" | "committing" | "committed" | "failed";

export interface SalesImport {
  id: number;
  kind: "sales";
  fileName: string;
  status: SalesImportStatus;
  headers: string[];
  fields: string[];
  requiredFields: string[];
  mapping: Record<string, number>;
  mappingSource: "recognised" | "remembered" | "chosen";
  createMissing: boolean;
  analysis: (SalesAnalysis & { committed?: SalesCommitResult }) | null;
  analysisJob: Job | null;
  commitJob: Job | null;
  createdAt: string;
  committedAt: string | null;
}

export interface SalesImportProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** The server's limit for a sales file (MAX_SALES_UPLOAD_BYTES): 500 MB. */
export const MAX_SALES_FILE_BYTES = 500 * 1024 * 1024;
export const ACCEPTED_SALES_FILES = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const key = (id: number) => ["sales", "import", id] as const;
/** States in which a job works on the import (reading its header, analysing, committing). */
export const isRunning = (status: SalesImportStatus | undefined) => status === "reading" || status === "analysing" || status === "committing";

export function useSalesImport(id: number | null) {
  return useQuery({
    queryKey: key(id ?? 0),
    queryFn: ({ signal }) => api.get<SalesImport>(`/api/sales/imports/${id}`, signal),
    enabled: id !== null,
    // Follow the import while a job works on it; the job's own progress is polled by JobProgress.
    refetchInterval: (query) => (isRunning(query.state.data?.status) ? 1000 : false),
  });
}

export function useUploadSales() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, createMissing }: { file: File; createMissing: boolean }) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api.upload<SalesImport>(`/api/sales/imports${queryString({ createMissing: createMissing ? "true" : undefined })}`, form);
    },
    onSuccess: (imported) => queryClient.setQueryData(key(imported.id), imported),
  });
}

export function useSalesProblems(id: number, offset: number, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: ["sales", "import", id, "problems", offset, limit],
    queryFn: ({ signal }) => api.get<{ items: SalesImportProblem[] }>(`/api/sales/imports/${id}/problems${queryString({ offset, limit })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSetSalesMapping(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mapping: Record<string, number>; createMissing: boolean }) => apiRequest<SalesImport>(`/api/sales/imports/${id}/mapping`, { method: "PUT", body }),
    onSuccess: (imported) => {
      queryClient.setQueryData(key(id), imported);
      void queryClient.invalidateQueries({ queryKey: ["sales", "import", id, "problems"] });
    },
  });
}

export function useCommitSales(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SalesImport>(`/api/sales/imports/${id}/commit`, {}),
    onSuccess: (imported) => queryClient.setQueryData(key(id), imported),
  });
}

export function localSalesFileProblem(file: File): "wrongType" | "tooLarge" | "empty" | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!["csv", "txt", "tsv", "xlsx", "xlsm"].includes(extension)) return "wrongType";
  if (file.size > MAX_SALES_FILE_BYTES) return "tooLarge";
  if (file.size === 0) return "empty";
  return null;
}
