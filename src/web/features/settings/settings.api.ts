// The administrator's settings: quote advice (GET/PUT /api/quote-settings) and the CRM memory
// (GET/PATCH /api/crm-settings). Both are single company-wide records without a version.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest } from "../../api/client.js";
import type { QuoteSettings } from "../quotes/quotes.api.js";

export type { QuoteSettings };

export interface QuoteSettingsUpdate {
  /** Percent 0–100: below it the advice says "no quote". */
  chanceThreshold?: number;
  /** Months 0–60; null falls back to the default term. */
  segments?: { id: number; maxDecisionMonths: number | null }[];
}

export interface CrmSettings {
  /** Days (0–730) before a contract's end from which a price proposal is due. */
  proposalWindowDays: number;
  /** Visits per twelve months (0–365) per account class. */
  visitNorms: { key: number; A: number; B: number; C: number };
  /** Months (1–1200) after a relation went dead before its persons are erased. */
  deadRelationRetentionMonths: number;
}

// Same key as the quotes feature, so the advice uses the saved threshold straight away.
const QUOTE_KEY = ["quote-settings"] as const;
const CRM_KEY = ["crm-settings"] as const;

export function useQuoteSettingsForAdmin() {
  return useQuery({ queryKey: QUOTE_KEY, queryFn: ({ signal }) => api.get<QuoteSettings>("/api/quote-settings", signal) });
}

export function useSaveQuoteSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuoteSettingsUpdate) => apiRequest<QuoteSettings>("/api/quote-settings", { method: "PUT", body }),
    onSuccess: (data) => queryClient.setQueryData(QUOTE_KEY, data),
  });
}

export function useCrmSettings() {
  return useQuery({ queryKey: CRM_KEY, queryFn: ({ signal }) => api.get<CrmSettings>("/api/crm-settings", signal) });
}

export function useSaveCrmSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CrmSettings>) => apiRequest<CrmSettings>("/api/crm-settings", { method: "PATCH", body }),
    onSuccess: (data) => queryClient.setQueryData(CRM_KEY, data),
  });
}
