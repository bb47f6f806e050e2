// The company's visit templates over HTTP (GET/POST /api/visit-templates, PATCH …/:id with If-Match).
// A change refreshes the list and the sheets (their proposal comes from the templates).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api } from "../../api/client.js";
import type { TemplateCreate, VisitTemplateDto } from "../../../features/preparation/template.schemas.js";

export type VisitTemplate = Static<typeof VisitTemplateDto>;
export type TemplateBody = Static<typeof TemplateCreate>;

const KEY = ["visit-templates", "all"] as const;

export function useAllTemplates() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<{ items: VisitTemplate[] }>("/api/visit-templates?all=true", signal), select: (d) => d.items });
}

export function useSaveTemplate(existing: VisitTemplate | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateBody) =>
      existing ? api.patch<VisitTemplate>(`/api/visit-templates/${existing.id}`, existing.version, body) : api.post<VisitTemplate>("/api/visit-templates", body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["visit-templates"] });
      void queryClient.invalidateQueries({ queryKey: ["visit-preparation"] });
    },
  });
}
