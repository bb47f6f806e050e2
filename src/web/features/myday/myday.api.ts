// "Mijn dag" over HTTP: the user's day, and the overdue follow-ups per rep for managers.
import { useQuery } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api } from "../../api/client.js";
import type { MyDay as MyDaySchema, OverdueByRep as OverdueByRepSchema } from "../../../features/followups/follow-up.schemas.js";
import { crmKeys } from "../activities/activities.api.js";

export type MyDay = Static<typeof MyDaySchema>;
export type OverdueByRep = Static<typeof OverdueByRepSchema>;

export function useMyDay() {
  return useQuery({
    queryKey: crmKeys.myDay,
    queryFn: ({ signal }) => api.get<MyDay>("/api/my-day", signal),
    // The day moves on while the page stays open.
    refetchInterval: 5 * 60 * 1000,
  });
}

export function useOverdueByRep(enabled: boolean) {
  return useQuery({
    queryKey: crmKeys.overdueByRep,
    queryFn: ({ signal }) => api.get<OverdueByRep>("/api/followups/overdue-by-rep", signal),
    enabled,
  });
}
