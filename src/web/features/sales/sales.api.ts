// The sales information system over HTTP: the flexible report and its saved views, targets against
// actual, the Pareto / ABC analysis, the purchasing outlook, new customers and a relation's history.
// Amounts are integer cents, margin % and shares basis points (2534 = 25,34 %), as the API sends them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SalesDimension, SalesMeasure } from "../../../domain/access.js";
import type { AccountClass } from "../../../domain/account-class.js";
import type { ThresholdSettings } from "../../../domain/abc.js";
import type { RelationSales } from "../../../features/sales/sales-relation.service.js";
import type { OutlookRow } from "../../../features/sales/sales-outlook.service.js";
import type { TargetsVersusActual } from "../../../features/sales/sales-targets-report.js";
import { api, apiRequest, queryString } from "../../api/client.js";
import { downloadFile } from "../exports/download.js";
import type { DimensionValue, Figures } from "../../../domain/sales-figures.js";

export type { DimensionValue, Figures };

export type { RelationSales, TargetsVersusActual, ThresholdSettings, OutlookRow };

export interface SalesReportRequest {
  measures: SalesMeasure[];
  dimensions: SalesDimension[];
  from: string;
  to: string;
  filters?: Partial<Record<SalesDimension, (string | number)[]>>;
  compare?: "previousYear";
  mat?: boolean;
  sort?: { key: string; direction: "asc" | "desc" }[];
  limit?: number;
}


export type SalesReportRow = Figures & { previous?: Figures } & Partial<Record<SalesDimension, DimensionValue>>;

export interface SalesReport {
  from: string;
  to: string;
  measures: SalesMeasure[];
  dimensions: SalesDimension[];
  compare: "previousYear" | null;
  mat: boolean;
  source: string;
  rows: SalesReportRow[];
  totals: Figures & { previous?: Figures };
  truncated: boolean;
}

export const salesKeys = {
  report: (request: SalesReportRequest | null) => ["sales", "report", request] as const,
  views: ["sales", "views"] as const,
  targets: (from: string, to: string) => ["sales", "targets", from, to] as const,
  pareto: (from: string, to: string) => ["sales", "pareto", from, to] as const,
  thresholds: ["sales", "class-thresholds"] as const,
};

/** One sales report; `null` asks nothing (a form that is not complete yet). */
export function useSalesReport(request: SalesReportRequest | null) {
  return useQuery({
    queryKey: salesKeys.report(request),
    queryFn: ({ signal }) => apiRequest<SalesReport>("/api/reports/sales", { method: "POST", body: request, signal }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

export function exportSalesReport(request: SalesReportRequest, format: "csv" | "xlsx"): Promise<string> {
  return downloadFile("/api/reports/sales/export", `verkoop.${format}`, { method: "POST", body: { request, format } });
}

export interface SavedView {
  id: number;
  name: string;
  request: SalesReportRequest;
  createdAt: string;
}

export function useSavedViews() {
  return useQuery({
    queryKey: salesKeys.views,
    queryFn: ({ signal }) => api.get<{ items: SavedView[] }>("/api/reports/sales/views", signal),
    select: (data) => data.items,
  });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: { name: string; request: SalesReportRequest }) => api.post<SavedView | null>("/api/reports/sales/views", view),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: salesKeys.views }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/reports/sales/views/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: salesKeys.views }),
  });
}

// ---- Targets ------------------------------------------------------------------------------------

export function useTargetsReport(from: string, to: string, by: "rayon" | "rep", enabled = true) {
  return useQuery({
    queryKey: ["sales", "targets-report", from, to, by],
    queryFn: ({ signal }) => api.get<TargetsVersusActual>(`/api/reports/targets${queryString({ from, to, by })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export interface Target {
  month: string;
  rayon: { id: number; name: string } | null;
  salesperson: { id: number; name: string } | null;
  productGroup: { id: number; name: string } | null;
  revenueCents: number;
  volume: number;
}

export interface TargetInput {
  month: string;
  rayonId: number;
  revenueCents: number;
}

export function useTargets(from: string, to: string) {
  return useQuery({
    queryKey: salesKeys.targets(from, to),
    queryFn: ({ signal }) => api.get<{ items: Target[] }>(`/api/sales/targets${queryString({ from, to })}`, signal),
    select: (data) => data.items,
  });
}

export function useSaveTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (targets: TargetInput[]) => apiRequest<{ saved: number }>("/api/sales/targets", { method: "PUT", body: { targets } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["sales"] }),
  });
}

export function useImportTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api.upload<{ imported: number }>("/api/sales/targets/import", form);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["sales"] }),
  });
}

// ---- Pareto / ABC -------------------------------------------------------------------------------

export interface ParetoRow {
  rank: number;
  relation: { id: number; name: string };
  revenue: number;
  cumulativeBp: number;
  accountClass: AccountClass | null;
  override: boolean;
  proposedClass: AccountClass;
  kept: "override" | "key_account" | null;
}

export interface Pareto {
  from: string;
  to: string;
  relations: number;
  totalRevenue: number;
  top20Bp: number;
  relationsFor80: number;
  curve: { relationsBp: number; revenueBp: number }[];
  rows: ParetoRow[];
}

export interface ClassProposal {
  relation: { id: number; name: string };
  yearlyRevenue: number;
  accountClass: AccountClass | null;
  override: boolean;
  proposedClass: AccountClass;
  kept: "override" | "key_account" | null;
}

export function usePareto(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: salesKeys.pareto(from, to),
    queryFn: ({ signal }) => api.get<Pareto>(`/api/reports/pareto${queryString({ from, to })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useClassProposals(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ["sales", "class-proposals", from, to],
    queryFn: ({ signal }) => api.get<{ items: ClassProposal[]; total: number }>(`/api/sales/class-proposals${queryString({ from, to })}`, signal),
    enabled,
  });
}

export function useAcceptProposals() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; to: string; relationIds: number[] }) => api.post<{ applied: number; skipped: number }>("/api/sales/class-proposals/accept", body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["sales"] });
      void queryClient.invalidateQueries({ queryKey: ["relations"] });
    },
  });
}

export function useThresholds() {
  return useQuery({
    queryKey: salesKeys.thresholds,
    queryFn: ({ signal }) => api.get<ThresholdSettings>("/api/sales/class-thresholds", signal),
  });
}

export function useSaveThresholds() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ThresholdSettings) => apiRequest<ThresholdSettings>("/api/sales/class-thresholds", { method: "PUT", body: settings }),
    onSuccess: (saved) => {
      queryClient.setQueryData(salesKeys.thresholds, saved);
      void queryClient.invalidateQueries({ queryKey: ["sales", "pareto"] });
      void queryClient.invalidateQueries({ queryKey: ["sales", "class-proposals"] });
    },
  });
}

// ---- Other roles' reports -----------------------------------------------------------------------

export interface PurchasingOutlook {
  from: string;
  to: string;
  runRateFrom: number;
  runRateTo: number;
  rows: OutlookRow[];
}

export function usePurchasingOutlook(months: number) {
  return useQuery({
    queryKey: ["sales", "outlook", months],
    queryFn: ({ signal }) => api.get<PurchasingOutlook>(`/api/reports/purchasing-outlook${queryString({ months })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export interface NewCustomers {
  from: string;
  to: string;
  total: number;
  months: { month: string; customers: number }[];
  customers: { relation: { id: number; name: string }; firstMonth: string }[];
}

export function useNewCustomers(from: string, to: string, product: number | null, enabled = true) {
  return useQuery({
    queryKey: ["sales", "new-customers", from, to, product],
    queryFn: ({ signal }) => api.get<NewCustomers>(`/api/reports/new-customers${queryString({ from, to, product })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRelationSales(relationId: number, enabled: boolean) {
  return useQuery({
    queryKey: ["sales", "relation", relationId],
    queryFn: ({ signal }) => api.get<RelationSales>(`/api/relations/${relationId}/sales`, signal),
    enabled,
  });
}

export interface Salesperson {
  id: number;
  name: string;
  email: string | null;
  userId: number | null;
  rayon: { id: number; name: string } | null;
  active: boolean;
}

export function useSalespeople() {
  return useQuery({
    queryKey: ["sales", "salespeople"],
    queryFn: ({ signal }) => api.get<{ items: Salesperson[] }>("/api/sales/salespeople", signal),
    select: (data) => data.items,
    staleTime: 5 * 60 * 1000,
  });
}
