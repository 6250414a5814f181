import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProductLifecycle } from "@trellis/shared";
import { api } from "../../api/client";
import type { Money, Product, ProductFamily } from "../../api/types";
import { useCursorList } from "../../lib/useList";

export const productsKey = ["products"] as const;
export const familiesKey = ["product-families"] as const;

export type ProductSort = "name" | "-name" | "sku" | "-sku" | "price" | "-price" | "updatedAt" | "-updatedAt";

export interface ProductFilters {
  q: string;
  familyId: string | null;
  lifecycle: ProductLifecycle | null;
  sort: ProductSort;
}

export interface ProductInput {
  sku: string;
  name: string;
  familyId: string;
  description: string;
  listPrice: Money;
  lifecycle: ProductLifecycle;
  serialPattern: string;
}

export function productQuery(filters: ProductFilters) {
  return { q: filters.q.trim(), familyId: filters.familyId, lifecycle: filters.lifecycle, sort: filters.sort };
}

export function useProducts(filters: ProductFilters) {
  return useCursorList<Product>([...productsKey, "list"], "/products", productQuery(filters));
}

export function useFamilies() {
  return useQuery({ queryKey: familiesKey, queryFn: () => api<{ items: ProductFamily[] }>("/product-families"), select: (data) => data.items });
}

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: productsKey });
    void client.invalidateQueries({ queryKey: familiesKey });
  };
}

export function useSaveProduct() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: Partial<ProductInput> }) =>
      id ? api<Product>(`/products/${id}`, { method: "PATCH", body: input }) : api<Product>("/products", { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useUploadProductImage(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api<Product>(`/products/${id}/image`, { method: "PUT", body: form });
    },
    onSuccess: refresh,
  });
}

export function useSaveFamily() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: { name: string; description: string } }) =>
      id
        ? api<ProductFamily>(`/product-families/${id}`, { method: "PATCH", body: input })
        : api<ProductFamily>("/product-families", { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useDeleteFamily() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api<void>(`/product-families/${id}`, { method: "DELETE" }), onSuccess: refresh });
}

export function imageUrl(product: Pick<Product, "id" | "updatedAt">): string {
  return `/api/v1/products/${product.id}/image?v=${encodeURIComponent(product.updatedAt)}`;
}

export type SerialCheck = "empty" | "invalid" | "match" | "no-match";

/** The server matches the pattern against the WHOLE serial, so the test anchors it the same way. */
export function checkSerial(pattern: string, serial: string): SerialCheck {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    return "invalid";
  }
  if (!serial) return "empty";
  return regex.test(serial) ? "match" : "no-match";
}
