// Mailing consent of a person over HTTP: the current state per purpose with its record, giving
// (with source and text version) and withdrawing in one call.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import type { ConsentPurpose, ConsentSource } from "../../../domain/consent.js";
import { api } from "../../api/client.js";
import type { ConsentOverview } from "../../../features/consent/consent.schemas.js";

export type ConsentOverviewDto = Static<typeof ConsentOverview>;
export type CurrentConsent = ConsentOverviewDto["current"][number];
export type ConsentRecord = ConsentOverviewDto["history"][number];

export interface GiveConsentBody {
  purpose: ConsentPurpose;
  state: "given";
  date: string;
  source: ConsentSource;
  textVersion: string;
  proof?: string | null;
}

export const consentKey = (personId: number) => ["consents", personId] as const;

export function useConsents(personId: number) {
  return useQuery({
    queryKey: consentKey(personId),
    queryFn: ({ signal }) => api.get<ConsentOverviewDto>(`/api/persons/${personId}/consents`, signal),
  });
}

function useStore(personId: number, relationId: number) {
  const queryClient = useQueryClient();
  return (overview: ConsentOverviewDto) => {
    queryClient.setQueryData(consentKey(personId), overview);
    void queryClient.invalidateQueries({ queryKey: ["relations", "audit", relationId] });
  };
}

export function useGiveConsent(personId: number, relationId: number) {
  const store = useStore(personId, relationId);
  return useMutation({
    mutationFn: (body: GiveConsentBody) => api.post<ConsentOverviewDto>(`/api/persons/${personId}/consents`, body),
    onSuccess: store,
  });
}

export function useWithdrawConsent(personId: number, relationId: number) {
  const store = useStore(personId, relationId);
  return useMutation({
    mutationFn: (purpose: ConsentPurpose) => api.post<ConsentOverviewDto>(`/api/persons/${personId}/consents/withdraw`, { purpose }),
    onSuccess: store,
  });
}
