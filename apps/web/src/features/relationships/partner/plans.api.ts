import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  BusinessPlan,
  BusinessPlanSummary,
  PlanInput,
  PlanItem,
  PlanItemInput,
  PlanItemPatch,
  PlanPatch,
} from "../../../api/business-plans-types";
import { api } from "../../../api/client";
import { partnerKey } from "./relationship.api";

// A partner's joint business plans: a partner admin reads its own (the same routes answer it).

const plansKey = (partnerId: string) => [...partnerKey(partnerId), "plans"] as const;
const plansPath = (partnerId: string) => `/partners/${encodeURIComponent(partnerId)}/business-plans`;

export function usePlanList(partnerId: string) {
  return useQuery({
    queryKey: [...plansKey(partnerId), "list"],
    queryFn: ({ signal }) => api<{ items: BusinessPlanSummary[] }>(plansPath(partnerId), { signal }),
    select: (data) => data.items,
    enabled: partnerId !== "",
  });
}

export function usePlan(partnerId: string, year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...plansKey(partnerId), "year", year],
    queryFn: ({ signal }) => api<BusinessPlan>(`${plansPath(partnerId)}/${year}`, { signal }),
    enabled: enabled && partnerId !== "",
  });
}

function usePlanMutation<I, O>(partnerId: string, send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => void client.invalidateQueries({ queryKey: plansKey(partnerId) }) });
}

export function useCreatePlan(partnerId: string) {
  return usePlanMutation(partnerId, (input: PlanInput) => api<BusinessPlan>(plansPath(partnerId), { method: "POST", body: input }));
}

export function useUpdatePlan(partnerId: string, year: number) {
  return usePlanMutation(partnerId, (input: PlanPatch) => api<BusinessPlan>(`${plansPath(partnerId)}/${year}`, { method: "PATCH", body: input }));
}

export function useAddPlanItem(partnerId: string, year: number) {
  return usePlanMutation(partnerId, (input: PlanItemInput) =>
    api<PlanItem>(`${plansPath(partnerId)}/${year}/items`, { method: "POST", body: input }),
  );
}

export function useUpdatePlanItem(partnerId: string, year: number) {
  return usePlanMutation(partnerId, ({ itemId, patch }: { itemId: string; patch: PlanItemPatch }) =>
    api<PlanItem>(`${plansPath(partnerId)}/${year}/items/${encodeURIComponent(itemId)}`, { method: "PATCH", body: patch }),
  );
}
