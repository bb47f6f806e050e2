// Persons (contactpersonen) over HTTP. They are shown as part of their relation, so a saved person
// refreshes that relation and its audit trail.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { Person, PersonCreateInput, PersonPatchInput } from "../../api/types.js";

function useRefreshRelation(relationId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["relations", "detail", relationId] });
    void queryClient.invalidateQueries({ queryKey: ["relations", "audit", relationId] });
  };
}

export function useCreatePerson(relationId: number) {
  const refresh = useRefreshRelation(relationId);
  return useMutation({
    mutationFn: (input: PersonCreateInput) => api.post<Person>(`/api/relations/${relationId}/persons`, input),
    onSuccess: refresh,
  });
}

export function useUpdatePerson(relationId: number) {
  const refresh = useRefreshRelation(relationId);
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: PersonPatchInput }) =>
      api.patch<Person>(`/api/persons/${id}`, version, changes),
    onSuccess: refresh,
  });
}
