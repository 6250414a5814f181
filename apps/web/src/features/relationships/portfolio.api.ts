import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiUrl } from "../../api/client";
import type { ReviewDue } from "../../api/relationship-decisions-types";
import type {
  CapacityView,
  EvaluationResult,
  FlagList,
  MarginsInput,
  MarginsView,
  Portfolio,
  RefreshResult,
  RelationshipSettings,
  RelationshipSettingsInput,
  ScorecardPeriod,
  WhatIfInput,
  WhatIfResult,
} from "../../api/relationships-types";
import type { Page } from "../../api/types";

// The vendor console's relationship figures: portfolio, flags, reviews due, capacity and what-if,
// settings and family margins (apps/server/src/features/scorecards, sell-through, relationship-decisions).

export const relationshipsKey = ["relationships"] as const;

export interface PeriodChoice {
  period: ScorecardPeriod;
  /** YYYY-MM; undefined: this month (the server's default). */
  endMonth?: string;
}

/** New figures, weights or margins change every card: drop everything relationship-shaped, the partner pages' too. */
export function refreshRelationships(client: QueryClient): void {
  void client.invalidateQueries({
    predicate: (query) => {
      const head = query.queryKey[0];
      return head === "relationships" || head === "scorecard" || head === "scorecards" || head === "business-plans";
    },
  });
}

export function usePortfolio(choice: PeriodChoice) {
  return useQuery({
    queryKey: [...relationshipsKey, "portfolio", choice.period, choice.endMonth ?? "now"],
    queryFn: () => api<Portfolio>("/relationships/portfolio", { query: { period: choice.period, endMonth: choice.endMonth } }),
    placeholderData: keepPreviousData,
  });
}

export function portfolioCsvUrl(choice: PeriodChoice): string {
  return apiUrl("/relationships/portfolio.csv", { period: choice.period, endMonth: choice.endMonth });
}

export function useOpenFlags() {
  return useQuery({
    queryKey: [...relationshipsKey, "flags", "open"],
    queryFn: () => api<FlagList>("/relationships/flags", { query: { status: "open" } }),
    select: (data) => data.items,
  });
}

export function useReviewsDue(limit = 20) {
  return useQuery({
    queryKey: [...relationshipsKey, "reviews-due", limit],
    queryFn: () => api<Page<ReviewDue>>("/relationships/reviews-due", { query: { limit } }),
  });
}

export function useRefreshFigures() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<RefreshResult>("/relationships/refresh", { method: "POST", body: {} }),
    onSuccess: () => refreshRelationships(client),
  });
}

export function useCapacity() {
  return useQuery({ queryKey: [...relationshipsKey, "capacity"], queryFn: () => api<CapacityView>("/relationships/capacity") });
}

/** Changes nothing on the server: a POST only because the question is a body. */
export function useWhatIf() {
  return useMutation({ mutationFn: (input: WhatIfInput) => api<WhatIfResult>("/relationships/what-if", { method: "POST", body: input }) });
}

const settingsKey = [...relationshipsKey, "settings"] as const;
const marginsKey = [...relationshipsKey, "margins"] as const;

export function useRelationshipSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<RelationshipSettings>("/relationships/settings"), staleTime: 60_000 });
}

export function useUpdateRelationshipSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RelationshipSettingsInput) => api<RelationshipSettings>("/relationships/settings", { method: "PUT", body: input }),
    onSuccess: (settings) => {
      client.setQueryData(settingsKey, settings);
      refreshRelationships(client);
    },
  });
}

export function useFamilyMargins() {
  return useQuery({ queryKey: marginsKey, queryFn: () => api<MarginsView>("/relationships/margins") });
}

export function useUpdateFamilyMargins() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MarginsInput) => api<MarginsView>("/relationships/margins", { method: "PUT", body: input }),
    onSuccess: (margins) => {
      client.setQueryData(marginsKey, margins);
      refreshRelationships(client);
    },
  });
}

export function useEvaluateNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<EvaluationResult>("/relationships/evaluate", { method: "POST", body: {} }),
    onSuccess: () => refreshRelationships(client),
  });
}
