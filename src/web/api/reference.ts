// Reference data for pickers and filters: users, rayons, SBI codes. These change rarely, so they
// stay fresh for a few minutes.
import { useQuery } from "@tanstack/react-query";
import { api, queryString } from "./client.js";
import type { RayonOption, SbiCode, UserOption } from "./types.js";

const FIVE_MINUTES = 5 * 60 * 1000;

export function useUsers() {
  return useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api.get<{ items: UserOption[] }>("/api/users", signal),
    select: (data) => data.items,
    staleTime: FIVE_MINUTES,
  });
}

export function useRayons() {
  return useQuery({
    queryKey: ["rayons"],
    queryFn: ({ signal }) => api.get<{ items: RayonOption[] }>("/api/rayons", signal),
    select: (data) => data.items,
    staleTime: FIVE_MINUTES,
  });
}

/** The SBI sections A…V (the top level), for the list filter. */
export function useSbiSections() {
  return useQuery({
    queryKey: ["sbi-codes", "sections"],
    // Sections sort first (shortest codes), so one page of 200 holds all of them.
    queryFn: ({ signal }) => api.get<{ items: SbiCode[] }>(`/api/sbi-codes${queryString({ limit: 200 })}`, signal),
    select: (data) => data.items.filter((c) => c.level === "section"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSbiSearch(query: string) {
  return useQuery({
    queryKey: ["sbi-codes", "search", query],
    queryFn: ({ signal }) => api.get<{ items: SbiCode[] }>(`/api/sbi-codes${queryString({ q: query, limit: 30 })}`, signal),
    select: (data) => data.items,
    staleTime: FIVE_MINUTES,
    placeholderData: (previous) => previous,
  });
}
