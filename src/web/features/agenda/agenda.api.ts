// The agenda over HTTP. A saved, moved, cancelled or deleted appointment refreshes every agenda view
// and "Mijn dag".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, apiRequest, queryString } from "../../api/client.js";
import type {
  AgendaUsers,
  Appointment as AppointmentSchema,
  AppointmentCreate,
  AppointmentList,
  AppointmentPatch,
} from "../../../features/appointments/appointment.schemas.js";
import { crmKeys } from "../activities/activities.api.js";

/** `pending`: only in an answer from the device, a move made offline that waits in the outbox. */
export type Appointment = Static<typeof AppointmentSchema> & { pending?: boolean };
/** `offline`: only in an answer from the device without signal, with the days it keeps (web/features/offline). */
export type AgendaList = Static<typeof AppointmentList> & { items: Appointment[]; offline?: { days: string[] } };
export type AppointmentWarning = Appointment["warnings"][number];
export type AppointmentCreateBody = Static<typeof AppointmentCreate>;
export type AppointmentPatchBody = Static<typeof AppointmentPatch>;
export type AgendaUser = Static<typeof AgendaUsers>["items"][number];

export const agendaKeys = {
  all: ["appointments"] as const,
  range: (from: string, to: string, userId: number | null) => ["appointments", "range", from, to, userId] as const,
  users: ["appointments", "users"] as const,
};

export function useAppointments(from: string, to: string, userId: number | null) {
  return useQuery({
    queryKey: agendaKeys.range(from, to, userId),
    queryFn: ({ signal }) => api.get<AgendaList>(`/api/appointments${queryString({ from, to, userId, includeCancelled: true })}`, signal),
  });
}

export function useAgendaUsers() {
  return useQuery({ queryKey: agendaKeys.users, queryFn: ({ signal }) => api.get<Static<typeof AgendaUsers>>("/api/appointments/users", signal), staleTime: 60_000 });
}

function useRefreshAgenda() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: agendaKeys.all });
    void queryClient.invalidateQueries({ queryKey: crmKeys.myDay });
  };
}

export function useCreateAppointment() {
  const refresh = useRefreshAgenda();
  return useMutation({ mutationFn: (body: AppointmentCreateBody) => api.post<Appointment>("/api/appointments", body), onSuccess: refresh });
}

/** PATCH with If-Match: an appointment someone else saved meanwhile gives 412. */
export function useUpdateAppointment() {
  const refresh = useRefreshAgenda();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: AppointmentPatchBody }) => api.patch<Appointment>(`/api/appointments/${id}`, version, changes),
    onSuccess: refresh,
  });
}

export function useCancelAppointment() {
  const refresh = useRefreshAgenda();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: number; version: number; reason: string }) =>
      apiWithVersion<Appointment>(`/api/appointments/${id}/cancel`, "POST", version, { reason: reason.trim() === "" ? null : reason }),
    onSuccess: refresh,
  });
}

export function useDeleteAppointment() {
  const refresh = useRefreshAgenda();
  return useMutation({ mutationFn: ({ id, version }: { id: number; version: number }) => apiWithVersion<void>(`/api/appointments/${id}`, "DELETE", version), onSuccess: refresh });
}

/** A write that is not a PATCH but still names the version it acts on (If-Match). */
function apiWithVersion<T>(path: string, method: "POST" | "DELETE", version: number, body?: unknown): Promise<T> {
  return apiRequest<T>(path, { method, version, body });
}

/** The persons of the chosen relation, for "persons met". */
export function useRelationPersons(relationId: number | null) {
  return useQuery({
    queryKey: ["relations", "persons", relationId],
    queryFn: ({ signal }) => api.get<{ items: { id: number; displayName: string; active: boolean }[] }>(`/api/relations/${relationId}/persons`, signal),
    enabled: relationId !== null,
  });
}
