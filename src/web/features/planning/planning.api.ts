// Rayon planning over HTTP: the reps you may plan for, cycle plans (made by a job, accepted with
// If-Match) and a day's route (a job whose result is the route).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, apiRequest, queryString } from "../../api/client.js";
import type { DayRouteDto } from "../../../features/planning/day-route.service.js";
import type { CyclePlan as CyclePlanSchema, CyclePlanListItem, CyclePlanRequest, PlanningRep, RouteAcceptResult } from "../../../features/planning/planning.schemas.js";
import { agendaKeys } from "../agenda/agenda.api.js";

export type CyclePlan = Static<typeof CyclePlanSchema>;
export type PlanDay = CyclePlan["days"][number];
export type PlanVisit = PlanDay["visits"][number];
export type CyclePlanBody = Static<typeof CyclePlanRequest>;
export type Rep = Static<typeof PlanningRep>;
export type DayRoute = DayRouteDto;

export const planningKeys = {
  reps: ["planning", "reps"] as const,
  plans: (userId: number | null) => ["planning", "plans", userId] as const,
  plan: (id: number) => ["planning", "plan", id] as const,
};

export function usePlanningReps() {
  return useQuery({ queryKey: planningKeys.reps, queryFn: ({ signal }) => api.get<{ items: Rep[] }>("/api/planning/reps", signal), staleTime: 60_000 });
}

export function useCyclePlans(userId: number | null) {
  return useQuery({
    queryKey: planningKeys.plans(userId),
    queryFn: ({ signal }) => api.get<{ items: Static<typeof CyclePlanListItem>[] }>(`/api/planning/cycle-plans${queryString({ userId })}`, signal),
    enabled: userId !== null,
  });
}

export function useCyclePlan(id: number | null) {
  return useQuery({ queryKey: planningKeys.plan(id ?? 0), queryFn: ({ signal }) => api.get<CyclePlan>(`/api/planning/cycle-plans/${id}`, signal), enabled: id !== null });
}

/** Accept or discard with the version the user saw (412 when someone else acted first). */
export function usePlanDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, decision }: { id: number; version: number; decision: "accept" | "discard" }) =>
      apiRequest<CyclePlan>(`/api/planning/cycle-plans/${id}/${decision}`, { method: "POST", body: {}, version }),
    onSuccess: (plan) => {
      queryClient.setQueryData(planningKeys.plan(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: ["planning", "plans"] });
      void queryClient.invalidateQueries({ queryKey: agendaKeys.all });
    },
  });
}

/**
 * Accepts a (re-planned) route: the day's appointments get its start times, with the versions the
 * route was made with (412 when one changed meanwhile: nothing is written then).
 */
export function useAcceptRoute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (route: DayRoute) =>
      apiRequest<Static<typeof RouteAcceptResult>>("/api/planning/routes/accept", {
        method: "POST",
        body: {
          userId: route.user.id,
          date: route.date,
          stops: route.stops.flatMap((s) => (s.appointmentId !== null && s.appointmentVersion !== null ? [{ appointmentId: s.appointmentId, version: s.appointmentVersion, start: s.start }] : [])),
        },
        offline: false,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agendaKeys.all }),
  });
}
