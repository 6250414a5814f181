import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { Rule, RuleDetail, RuleInput, RulePatch } from "../../api/incentives-types";
import { incentivesKey } from "./incentives.api";

const rulesKey = [...incentivesKey, "rules"] as const;
const rulePath = (id: string) => `/incentives/rules/${encodeURIComponent(id)}`;

/** Partner users get the rules that can earn them points today; editors may ask for all, or those in force on a sale date. */
export function useRules(options: { includeInactive?: boolean; asOf?: string | null } = {}) {
  const query = { includeInactive: options.includeInactive ? "true" : undefined, asOf: options.asOf || undefined };
  return useQuery({
    queryKey: [...rulesKey, "list", query],
    queryFn: () => api<{ items: Rule[] }>("/incentives/rules", { query }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useRule(id: string) {
  return useQuery({ queryKey: [...rulesKey, "detail", id], queryFn: () => api<RuleDetail>(rulePath(id)), enabled: Boolean(id) });
}

export function useSaveRule(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RuleInput | RulePatch) =>
      id ? api<RuleDetail>(rulePath(id), { method: "PATCH", body: input }) : api<RuleDetail>("/incentives/rules", { method: "POST", body: input }),
    onSuccess: (rule) => {
      client.setQueryData([...rulesKey, "detail", rule.id], rule);
      void client.invalidateQueries({ queryKey: [...rulesKey, "list"] });
    },
  });
}
