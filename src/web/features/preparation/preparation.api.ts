// The visit sheet over HTTP (GET/PATCH /api/visit-preparations/:id, :id = the appointment) and the
// report afterwards. A saved sheet or report refreshes the agenda and "Mijn dag" (a follow-up made).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, apiRequest } from "../../api/client.js";
import type { Prefill } from "../../../features/preparation/preparation-prefill.js";
import type { PreparationPatch, PreparationSheet, VisitReportInput } from "../../../features/preparation/preparation.schemas.js";
import type { SmartWarning } from "../../../domain/visit-preparation.js";
import type { Appointment } from "../agenda/agenda.api.js";
import { crmKeys } from "../activities/activities.api.js";

export type Sheet = Omit<Static<typeof PreparationSheet>, "appointment" | "prefill" | "warnings"> & { appointment: Appointment; prefill: Prefill; warnings: SmartWarning[] };
export type SheetPatch = Static<typeof PreparationPatch>;
export type ReportBody = Static<typeof VisitReportInput>;
export type SheetObjective = Sheet["objectives"][number];

export const preparationKeys = { sheet: (id: number) => ["visit-preparation", id] as const };

export function useSheet(id: number) {
  return useQuery({ queryKey: preparationKeys.sheet(id), queryFn: ({ signal }) => api.get<Sheet>(`/api/visit-preparations/${id}`, signal) });
}

function useStore(id: number) {
  const queryClient = useQueryClient();
  return (sheet: Sheet) => {
    queryClient.setQueryData(preparationKeys.sheet(id), sheet);
    void queryClient.invalidateQueries({ queryKey: ["appointments"] });
    void queryClient.invalidateQueries({ queryKey: crmKeys.myDay });
  };
}

/** PATCH with If-Match: "0" creates the sheet; a stale version gives 412. */
export function useSaveSheet(id: number) {
  const store = useStore(id);
  return useMutation({ mutationFn: ({ version, changes }: { version: number; changes: SheetPatch }) => api.patch<Sheet>(`/api/visit-preparations/${id}`, version, changes), onSuccess: store });
}

export function useReportVisit(id: number) {
  const store = useStore(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ReportBody }) => apiRequest<Sheet>(`/api/visit-preparations/${id}/report`, { method: "POST", version, body }),
    onSuccess: (sheet) => {
      store(sheet);
      void queryClient.invalidateQueries({ queryKey: crmKeys.activities(sheet.appointment.relation.id) });
      void queryClient.invalidateQueries({ queryKey: crmKeys.followUps(sheet.appointment.relation.id) });
    },
  });
}
