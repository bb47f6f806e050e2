// Products over HTTP: the searchable list (also for quote lines), one product, create and change.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProductArgumentDto, ProductCreateInput, ProductDto, ProductPatchInput } from "../../../features/products/product.schemas.js";
import { api, apiRequest, queryString } from "../../api/client.js";

export type Product = ProductDto;
export type { ProductCreateInput, ProductPatchInput };

interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

export interface ProductGroup {
  id: number;
  code: string | null;
  name: string;
}

export interface Segment {
  id: number;
  code: string;
  name: string;
}

/** Keyset-paged product list for a search text (every word matches the start of a word of code or name). */
export function useProductsList(q: string, includeInactive: boolean) {
  return useInfiniteQuery({
    queryKey: ["products", "list", q, includeInactive],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<ProductPage>(`/api/products${queryString({ q, active: includeInactive ? undefined : true, limit: 50, cursor: pageParam })}`, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Active products for a picker (quote lines). */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ["products", "picker", q],
    queryFn: ({ signal }) => api.get<ProductPage>(`/api/products${queryString({ q, active: true, limit: 30 })}`, signal),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
  });
}

export function useProductGroups() {
  return useQuery({
    queryKey: ["product-groups"],
    queryFn: ({ signal }) => api.get<{ items: ProductGroup[] }>("/api/product-groups", signal),
    select: (data) => data.items,
    staleTime: 5 * 60 * 1000,
  });
}

export function useSegments() {
  return useQuery({
    queryKey: ["market-segments"],
    queryFn: ({ signal }) => api.get<{ items: Segment[] }>("/api/market-segments", signal),
    select: (data) => data.items,
    staleTime: 5 * 60 * 1000,
  });
}

function useRefreshProducts() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["products"] });
}

export function useCreateProduct() {
  const refresh = useRefreshProducts();
  return useMutation({ mutationFn: (input: ProductCreateInput) => api.post<Product>("/api/products", input), onSuccess: refresh });
}

export function useUpdateProduct() {
  const refresh = useRefreshProducts();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: ProductPatchInput }) =>
      api.patch<Product>(`/api/products/${id}`, version, changes),
    onSuccess: refresh,
  });
}

export type ProductArgument = ProductArgumentDto;

/** A product's arguments (unique selling points), each with the requirement it answers. */
export function useProductArguments(id: number) {
  return useQuery({
    queryKey: ["products", "arguments", id],
    queryFn: ({ signal }) => api.get<{ items: ProductArgument[] }>(`/api/products/${id}/arguments`, signal),
    select: (data) => data.items,
  });
}

export function useSaveProductArguments(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: ProductArgument[]) => apiRequest<{ items: ProductArgument[] }>(`/api/products/${id}/arguments`, { method: "PUT", body: { items } }),
    // The quote's arguments are made of these too.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["products", "arguments", id] });
      void queryClient.invalidateQueries({ queryKey: ["quotes"] });
    },
  });
}
