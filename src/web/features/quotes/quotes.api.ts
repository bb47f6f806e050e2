// Quotes over HTTP, as TanStack Query hooks. Every saved quote replaces its cached detail at once
// (the server answers with the full new state); lists, the forecast and the hit ratio are refetched
// because a chance, a decision month or a status moves them.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AdviceAnswersDto,
  QuoteAdviceRequestDto,
  QuoteAdviceResultDto,
  QuoteCreateInput,
  QuoteDetailDto,
  QuotePatchInput,
  QuoteRevisionInput,
  QuoteSummaryDto,
} from "../../../features/quotes/quote.schemas.js";
import type { QuoteArgumentsDto } from "../../../features/quotes/quote-arguments.js";
import { api, apiRequest, queryString } from "../../api/client.js";

export type QuoteSummary = QuoteSummaryDto;
export type QuoteDetail = QuoteDetailDto;
export type AdviceAnswers = AdviceAnswersDto;
export type AdviceRequest = QuoteAdviceRequestDto;
export type AdviceResult = QuoteAdviceResultDto;
export type QuoteCreate = QuoteCreateInput;

export const quoteKeys = {
  all: ["quotes"] as const,
  list: (params: string) => ["quotes", "list", params] as const,
  detail: (id: number) => ["quotes", "detail", id] as const,
};

const PAGE_SIZE = 50;

interface QuotePage {
  items: QuoteSummary[];
  nextCursor: string | null;
}

/** Keyset-paged list of the latest revisions for the filters in `params` (status, rep, relation, stale). */
export function useQuotesList(params: URLSearchParams, pageSize = PAGE_SIZE) {
  const key = params.toString();
  return useInfiniteQuery({
    queryKey: quoteKeys.list(`${key}|${pageSize}`),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(params);
      query.set("limit", String(pageSize));
      if (pageParam) query.set("cursor", pageParam);
      return api.get<QuotePage>(`/api/quotes${queryString(query)}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useQuote(id: number) {
  return useQuery({
    queryKey: quoteKeys.detail(id),
    queryFn: ({ signal }) => api.get<QuoteDetail>(`/api/quotes/${id}`, signal),
  });
}

export interface QuoteSettings {
  chanceThreshold: number;
  defaultMaxTermMonths: number;
  segments: { id: number; code: string; name: string; maxDecisionMonths: number | null }[];
}

export function useQuoteSettings() {
  return useQuery({
    queryKey: ["quote-settings"],
    queryFn: ({ signal }) => api.get<QuoteSettings>("/api/quote-settings", signal),
    staleTime: 5 * 60 * 1000,
  });
}

/** The advice for a set of answers (POST, but it changes nothing: asking twice gives the same). */
export function useAskAdvice() {
  return useMutation({ mutationFn: (request: AdviceRequest) => api.post<AdviceResult>("/api/quote-advice", request) });
}

/** The advice again, for a budget compared with the live total of the quote form (null: not needed). */
export function useLiveAdvice(request: AdviceRequest | null) {
  return useQuery({
    queryKey: ["quote-advice", JSON.stringify(request)],
    queryFn: () => api.post<AdviceResult>("/api/quote-advice", request),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

function useStoreQuote() {
  const queryClient = useQueryClient();
  return (quote: QuoteDetail) => {
    queryClient.setQueryData(quoteKeys.detail(quote.id), quote);
    // Other revisions of the same quote list this one (and a revision supersedes its predecessor).
    for (const revision of quote.revisions) {
      if (revision.id !== quote.id) void queryClient.invalidateQueries({ queryKey: quoteKeys.detail(revision.id) });
    }
    void queryClient.invalidateQueries({ queryKey: ["quotes", "list"] });
    void queryClient.invalidateQueries({ queryKey: ["forecast"] });
    void queryClient.invalidateQueries({ queryKey: ["hit-ratio"] });
  };
}

export function useCreateQuote() {
  const store = useStoreQuote();
  return useMutation({
    mutationFn: (input: QuoteCreate) => api.post<QuoteDetail>("/api/quotes", input),
    onSuccess: store,
  });
}

/** PATCH with If-Match: the version the user saw; a newer one on the server answers 412. */
export function useUpdateQuote(id: number) {
  const store = useStoreQuote();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: QuotePatchInput }) => api.patch<QuoteDetail>(`/api/quotes/${id}`, version, changes),
    onSuccess: store,
  });
}

export function useReviseQuote(id: number) {
  const store = useStoreQuote();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: QuoteRevisionInput }) =>
      apiRequest<QuoteDetail>(`/api/quotes/${id}/revisions`, { method: "POST", body: changes, version }),
    onSuccess: store,
  });
}

export type QuoteArguments = QuoteArgumentsDto;

/** Per product on the quote, its arguments that answer the relation's requirements; refetched with each new version. */
export function useQuoteArguments(id: number, version: number) {
  return useQuery({
    queryKey: ["quotes", "arguments", id, version],
    queryFn: ({ signal }) => api.get<QuoteArguments>(`/api/quotes/${id}/arguments`, signal),
  });
}
