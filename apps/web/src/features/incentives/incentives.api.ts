import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiUrl } from "../../api/client";
import type {
  AdjustmentInput,
  AdjustmentResult,
  IncentiveSettings,
  IncentiveSettingsInput,
  RepBalance,
  StatementLine,
} from "../../api/incentives-types";
import type { Page, Product, ProductFamily, Tier, User } from "../../api/types";
import { useCursorList } from "../../lib/useList";
import { idempotencyHeader, useIdempotencyKeys } from "./idempotency";

export const incentivesKey = ["incentives"] as const;
export const rewardsKey = ["rewards"] as const;
const settingsKey = [...incentivesKey, "settings"] as const;

/** Anything that moves points changes balances, statements, claims, redemptions and boards: refresh them all. */
export function refreshPoints(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: incentivesKey });
  void client.invalidateQueries({ queryKey: rewardsKey });
}

type Method = "POST" | "PUT" | "PATCH";

/**
 * A request that moves points: it carries an Idempotency-Key kept across retries of the same
 * action (see idempotency.ts) and refreshes every figure once it lands.
 */
export function usePointsMutation<V, R>(
  request: (vars: V) => { path: string; body?: unknown; method?: Method },
  onDone?: (result: R, vars: V) => void,
) {
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  return useMutation<R, Error, V>({
    mutationFn: (vars) => {
      const { path, body, method = "POST" } = request(vars);
      return api<R>(path, { method, body: body ?? {}, headers: idempotencyHeader(keys.keyFor(path, body ?? {})) });
    },
    onSuccess: (result, vars) => {
      keys.settled();
      refreshPoints(client);
      onDone?.(result, vars);
    },
  });
}

export function useIncentiveSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<IncentiveSettings>("/incentives/settings"), staleTime: 60_000 });
}

export function useUpdateIncentiveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: IncentiveSettingsInput) => api<IncentiveSettings>("/incentives/settings", { method: "PUT", body: input }),
    onSuccess: (settings) => {
      client.setQueryData(settingsKey, settings);
      void client.invalidateQueries({ queryKey: rewardsKey });
    },
  });
}

export function useBalance(userId?: string, enabled = true) {
  return useQuery({
    queryKey: [...incentivesKey, "balance", userId ?? "me"],
    queryFn: () => api<RepBalance>("/incentives/balance", { query: { userId } }),
    enabled,
  });
}

export function useStatement(userId?: string, limit = 50, enabled = true) {
  return useCursorList<StatementLine>(
    [...incentivesKey, "statement", userId ?? "me", limit],
    "/incentives/statement",
    { userId },
    { limit, enabled },
  );
}

export function statementCsvUrl(userId?: string): string {
  return apiUrl("/incentives/statement.csv", { userId });
}

export function statementPdfUrl(userId?: string): string {
  return apiUrl("/rewards/statement.pdf", { userId });
}

export function useAdjustment(onDone?: (result: AdjustmentResult) => void) {
  return usePointsMutation<AdjustmentInput, AdjustmentResult>((input) => ({ path: "/incentives/adjustments", body: input }), onDone);
}

/* Reference data the forms pick from */

export function useProducts() {
  return useQuery({
    queryKey: ["products", "list", "incentives-picker"],
    queryFn: () => api<Page<Product>>("/products", { query: { limit: 200, sort: "name" } }),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
  });
}

export function useFamilies() {
  return useQuery({
    queryKey: ["products", "families"],
    queryFn: () => api<{ items: ProductFamily[] }>("/product-families"),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useTiers() {
  return useQuery({
    queryKey: ["tiers"],
    queryFn: () => api<{ items: Tier[] }>("/tiers"),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** A partner's staff: the team of a partner admin, or the reps a vendor user adjusts. */
export function useStaff(partnerId: string | null | undefined) {
  return useQuery({
    queryKey: ["partners", "staff", partnerId],
    queryFn: () => api<{ items: User[] }>(`/partners/${encodeURIComponent(partnerId ?? "")}/staff`),
    select: (data) => data.items,
    enabled: Boolean(partnerId),
    staleTime: 60_000,
  });
}

/** Vendor users (only those who manage users may list them: the others get 403 and type the approver in). */
export function useVendorUsers(enabled: boolean) {
  return useQuery({
    queryKey: ["users", "list", "approvers"],
    queryFn: () => api<{ items: User[] }>("/users"),
    select: (data) => data.items,
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}
