// Management reports over HTTP: contact moments per rep per week and class, and visit-norm compliance.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, queryString } from "../../api/client.js";
import type { ContactMomentsReport as CmSchema, PreparationPaybackReport as PbSchema, SellingTimeReport as StSchema, VisitNormsReport as VnSchema } from "../../../features/reports/report.schemas.js";

export type ContactMomentsReport = Static<typeof CmSchema>;
export type VisitNormsReport = Static<typeof VnSchema>;

export function useContactMomentsReport(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ["reports", "contact-moments", from, to],
    queryFn: ({ signal }) => api.get<ContactMomentsReport>(`/api/reports/contact-moments${queryString({ from, to })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useVisitNormsReport(asOf: string, ownerId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ["reports", "visit-norms", asOf, ownerId ?? ""],
    queryFn: ({ signal }) => api.get<VisitNormsReport>(`/api/reports/visit-norms${queryString({ asOf, ownerId })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export type SellingTimeReport = Static<typeof StSchema>;

export function useSellingTimeReport(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ["reports", "selling-time", from, to],
    queryFn: ({ signal }) => api.get<SellingTimeReport>(`/api/reports/selling-time${queryString({ from, to })}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export type PreparationPaybackReport = Static<typeof PbSchema>;

export function usePreparationPaybackReport(year: number) {
  return useQuery({
    queryKey: ["reports", "preparation-payback", year],
    queryFn: ({ signal }) => api.get<PreparationPaybackReport>(`/api/reports/preparation-payback${queryString({ year: String(year) })}`, signal),
    placeholderData: keepPreviousData,
  });
}
