// The forecast (expected revenue and volume per decision month) and the hit ratio over HTTP.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, queryString } from "../../api/client.js";
import type { Ref } from "../../api/types.js";
import type { UnitAmount } from "../../components/units.js";

export const GROUPINGS = ["month", "rep", "rayon", "product"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Weighted figures of a month, a group or the total. */
export interface Figures {
  /** Volume per unit of measure present (2 decimals); never one sum across units. */
  units: UnitAmount[];
  /** Counting quotes whose units per unit are unknown (a past forecast before units were kept per unit). */
  unitsUnknown: number;
  /** Integer cents. */
  revenueCents: number;
}

export interface MonthFigures extends Figures {
  month: string;
}

export interface Forecast {
  from: string;
  to: string;
  by: Grouping;
  asOf: string | null;
  months: MonthFigures[];
  total: Figures;
  groups: { key: number | null; name: string | null; months: MonthFigures[]; total: Figures }[];
}

export interface ForecastQuery {
  from: string;
  to: string;
  by: Grouping;
  asOf?: string;
}

export function forecastQueryString(q: ForecastQuery, extra: Record<string, string> = {}): string {
  return queryString({ from: q.from, to: q.to, by: q.by, asOf: q.asOf, ...extra });
}

export function useForecast(q: ForecastQuery | null) {
  return useQuery({
    queryKey: ["forecast", q],
    queryFn: ({ signal }) => api.get<Forecast>(`/api/forecast${forecastQueryString(q as ForecastQuery)}`, signal),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

interface RatioFields {
  won: number;
  lost: number;
  withdrawn: number;
  /** Won ÷ decided, 0–1; null when nothing was decided. */
  ratioCount: number | null;
  wonCents: number;
  lostCents: number;
  ratioValue: number | null;
  averageDaysToDecision: number | null;
}

export interface HitRatio {
  from: string;
  to: string;
  reps: (RatioFields & { rep: Ref; openQuotes: number; staleQuotes: number })[];
  total: RatioFields;
}

export function useHitRatio(from: string, to: string) {
  return useQuery({
    queryKey: ["hit-ratio", from, to],
    queryFn: ({ signal }) => api.get<HitRatio>(`/api/quotes/hit-ratio${queryString({ from, to })}`, signal),
    placeholderData: keepPreviousData,
  });
}
