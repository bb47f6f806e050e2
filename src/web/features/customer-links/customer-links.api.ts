// A relation's own customers over HTTP: the list (references among them) and linking one at a time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api } from "../../api/client.js";
import type { CustomerLink as CustomerLinkSchema, CustomerLinkInputDto } from "../../../features/customer-links/customer-link.schemas.js";

export type CustomerLink = Static<typeof CustomerLinkSchema>;
type Links = { items: CustomerLink[] };

export const customerLinkKeys = { of: (relationId: number) => ["customer-links", relationId] as const };

export function useCustomerLinks(relationId: number) {
  return useQuery({ queryKey: customerLinkKeys.of(relationId), queryFn: ({ signal }) => api.get<Links>(`/api/relations/${relationId}/customers`, signal) });
}

export function useLinkCustomer(relationId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerLinkInputDto) => api.post<Links>(`/api/relations/${relationId}/customers`, input),
    onSuccess: (data) => qc.setQueryData(customerLinkKeys.of(relationId), data),
  });
}

export function useUnlinkCustomer(relationId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (customerId: number) => api.post<Links>(`/api/relations/${relationId}/customers/remove`, { customerId }),
    onSuccess: (data) => qc.setQueryData(customerLinkKeys.of(relationId), data),
  });
}
