// A rayon's territory: its postcode ranges and sub-areas (GET/PUT /api/rayons/:id/…).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest } from "../../api/client.js";

export interface Territory {
  rayon: { id: number; name: string };
  ranges: { from: string; to: string }[];
  regions: { kind: RegionKind; code: string; name: string }[];
  chosenRelations: { id: number; name: string; city: string | null }[];
  reps: { id: number; name: string; home: { lat: number; lon: number } | null }[];
  relationCount: number;
  withoutCoordinates: { id: number; name: string; postcode: string | null; city: string | null }[];
  subAreas: { id: number; cycleWeeks: number; week: number; weekday: number; relationIds: number[]; workload: number }[];
}

export type RegionKind = "province" | "municipality";

export interface RegionCatalogue {
  provinces: string[];
  municipalities: { code: string; name: string; province: string }[];
}

export interface SubAreaProposal {
  cycleWeeks: number;
  daysPerWeek: number;
  imbalance: number;
  areas: { index: number; week: number; weekday: number; relationIds: number[]; workload: number; meanRadiusKm: number }[];
}

const key = (rayonId: number) => ["territory", rayonId] as const;

export function useTerritory(rayonId: number | null) {
  return useQuery({
    queryKey: key(rayonId ?? 0),
    queryFn: ({ signal }) => api.get<Territory>(`/api/rayons/${rayonId}/territory`, signal),
    enabled: rayonId !== null,
  });
}

export function useSaveRanges(rayonId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ranges: { from: string; to: string }[]) => apiRequest<Territory>(`/api/rayons/${rayonId}/postcode-ranges`, { method: "PUT", body: { ranges } }),
    onSuccess: (data) => client.setQueryData(key(rayonId), data),
  });
}

export function useRegionCatalogue() {
  return useQuery({ queryKey: ["territory-regions"], queryFn: ({ signal }) => api.get<RegionCatalogue>("/api/territories/regions", signal), staleTime: Number.POSITIVE_INFINITY });
}

/** A PUT or POST on the rayon that answers with the territory, which replaces the cached one. */
function useTerritoryWrite<T>(rayonId: number, request: (body: T) => Promise<Territory>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (data) => {
      client.setQueryData(key(rayonId), data);
      // The map colours relations by sub-area: what moved must show there too.
      void client.invalidateQueries({ queryKey: ["map"] });
    },
  });
}

export const useSaveRegions = (rayonId: number) =>
  useTerritoryWrite(rayonId, (regions: { kind: RegionKind; name: string }[]) => apiRequest<Territory>(`/api/rayons/${rayonId}/regions`, { method: "PUT", body: { regions } }));

export const useSaveChosenRelations = (rayonId: number) =>
  useTerritoryWrite(rayonId, (relationIds: number[]) => apiRequest<Territory>(`/api/rayons/${rayonId}/relations`, { method: "PUT", body: { relationIds } }));

export const useMoveToSubArea = (rayonId: number) =>
  useTerritoryWrite(rayonId, (body: { toSubAreaId: number; relationIds?: number[]; pc4s?: string[] }) => apiRequest<Territory>(`/api/rayons/${rayonId}/sub-areas/moves`, { method: "POST", body }));

export const useSetSubAreaDay = (rayonId: number) =>
  useTerritoryWrite(rayonId, ({ id, week, weekday }: { id: number; week: number; weekday: number }) =>
    apiRequest<Territory>(`/api/rayons/${rayonId}/sub-areas/${id}`, { method: "PATCH", body: { week, weekday } }),
  );

export function useProposeSubAreas(rayonId: number) {
  return useMutation({
    mutationFn: (body: { cycleWeeks: number; daysPerWeek: number }) => apiRequest<SubAreaProposal>(`/api/rayons/${rayonId}/sub-areas/proposal`, { method: "POST", body }),
  });
}

export function useSaveSubAreas(rayonId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (p: SubAreaProposal) =>
      apiRequest<Territory>(`/api/rayons/${rayonId}/sub-areas`, { method: "PUT", body: { cycleWeeks: p.cycleWeeks, areas: p.areas.map((a) => ({ week: a.week, weekday: a.weekday, relationIds: a.relationIds })) } }),
    onSuccess: (data) => client.setQueryData(key(rayonId), data),
  });
}

/** "1000-1099, 3500–3599" (commas, semicolons or lines; a single area "3511" is 3511–3511) → ranges, or null for a bad part. */
export function parseRangesText(text: string): { from: string; to: string }[] | { bad: string } {
  const parts = text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
  const out: { from: string; to: string }[] = [];
  for (const part of parts) {
    const m = /^(\d{4})\s*(?:[-–]\s*(\d{4}))?$/.exec(part);
    if (!m) return { bad: part };
    out.push({ from: m[1] as string, to: (m[2] ?? m[1]) as string });
  }
  return out;
}
