// The company settings (GET/PATCH /api/company-settings with If-Match; the logo through PUT/DELETE
// /api/company-settings/logo as multipart/form-data).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest } from "../../api/client.js";

export interface VatRates {
  /** Basis points: 2100 = 21 %. */
  high: number;
  low: number;
  zero: number;
}

export interface CompanySettings {
  legalName: string;
  visitStreet: string;
  visitPostcode: string;
  visitCity: string;
  postalStreet: string;
  postalPostcode: string;
  postalCity: string;
  kvkNumber: string;
  vatNumber: string;
  iban: string;
  phone: string;
  email: string;
  website: string;
  closingText: string;
  /** Days. */
  paymentTermDays: number;
  quoteValidityDays: number;
  vatRates: VatRates;
  /** Administrators must log in with a second factor (an authenticator app). */
  totpRequiredForAdmins: boolean;
  logo: { url: string; contentType: string } | null;
  updatedAt: string;
  version: number;
}

export type CompanySettingsPatch = Partial<Omit<CompanySettings, "logo" | "updatedAt" | "version">>;

/** The same limit as the server (features/company/logo-image.ts). */
export const MAX_LOGO_BYTES = 1024 * 1024;

const KEY = ["company-settings"] as const;

export function useCompanySettings() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<CompanySettings>("/api/company-settings", signal) });
}

export function useSaveCompanySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: CompanySettingsPatch }) =>
      apiRequest<CompanySettings>("/api/company-settings", { method: "PATCH", body, version }),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
}

export function useUploadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return apiRequest<CompanySettings>("/api/company-settings/logo", { method: "PUT", body: form });
    },
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
}

export function useRemoveLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<CompanySettings>("/api/company-settings/logo", { method: "DELETE" }),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
}
