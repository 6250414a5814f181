import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RedemptionStatus, RewardKind, regions } from "@trellis/shared";
import { api, apiUrl } from "../../api/client";
import type { FulfilInput, Leaderboard, Liability, Redemption, RedemptionInput, Reward, RewardInput } from "../../api/incentives-types";
import { useCursorList } from "../../lib/useList";
import { refreshPoints, rewardsKey, usePointsMutation } from "../incentives/incentives.api";

const catalogKey = [...rewardsKey, "catalog"] as const;
const redemptionsKey = [...rewardsKey, "redemptions"] as const;
const rewardPath = (id: string) => `/rewards/catalog/${encodeURIComponent(id)}`;
const redemptionPath = (id: string) => `/rewards/redemptions/${encodeURIComponent(id)}`;

export function rewardImageUrl(reward: Pick<Reward, "id" | "updatedAt">): string {
  // The version in the address: a new image shows at once instead of the cached one.
  return apiUrl(`${rewardPath(reward.id)}/image`, { v: reward.updatedAt });
}

export interface CatalogFilters {
  kind: RewardKind | null;
  q: string;
  sort: "name" | "points";
  includeInactive?: boolean;
}

export function useCatalog(filters: CatalogFilters) {
  return useCursorList<Reward>(
    [...catalogKey, "list"],
    "/rewards/catalog",
    { kind: filters.kind, q: filters.q.trim(), sort: filters.sort, includeInactive: filters.includeInactive ? "true" : undefined },
    { limit: 48 },
  );
}

export function useSaveReward(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RewardInput) =>
      id ? api<Reward>(rewardPath(id), { method: "PATCH", body: input }) : api<Reward>("/rewards/catalog", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: catalogKey }),
  });
}

export function useRewardImage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append("file", file);
      return api<Reward>(`${rewardPath(id)}/image`, { method: "PUT", body: form });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: catalogKey }),
  });
}

export interface RedemptionFilters {
  status: RedemptionStatus | null;
  partnerId?: string | null;
  userId?: string | null;
}

export function useRedemptions(filters: RedemptionFilters) {
  return useCursorList<Redemption>(
    [...redemptionsKey, "list"],
    "/rewards/redemptions",
    { status: filters.status, partnerId: filters.partnerId, userId: filters.userId },
    { limit: 30 },
  );
}

export function useRedeem(onDone?: (redemption: Redemption) => void) {
  return usePointsMutation<RedemptionInput, Redemption>((input) => ({ path: "/rewards/redemptions", body: input }), onDone);
}

export function useFulfil(id: string, onDone?: (redemption: Redemption) => void) {
  return usePointsMutation<FulfilInput, Redemption>((input) => ({ path: `${redemptionPath(id)}/fulfil`, body: input }), onDone);
}

export function useCancelRedemption(id: string, onDone?: (redemption: Redemption) => void) {
  return usePointsMutation<{ reason?: string }, Redemption>((input) => ({ path: `${redemptionPath(id)}/cancel`, body: input }), onDone);
}

/** Approving moves no points: a plain status change. */
export function useApproveRedemption() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Redemption>(`${redemptionPath(id)}/approve`, { method: "POST", body: {} }),
    onSuccess: () => refreshPoints(client),
  });
}

export interface LeaderboardFilters {
  period: string | null;
  region: (typeof regions)[number] | null;
  partnerId: string | null;
}

export function useLeaderboard(filters: LeaderboardFilters) {
  return useQuery({
    queryKey: [...rewardsKey, "leaderboard", filters],
    queryFn: () => api<Leaderboard>("/rewards/leaderboard", { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

const optOutKey = [...rewardsKey, "me", "leaderboard"] as const;

export function useLeaderboardOptOut(enabled: boolean) {
  return useQuery({ queryKey: optOutKey, queryFn: () => api<{ optOut: boolean }>("/rewards/me/leaderboard"), enabled });
}

export function useSetLeaderboardOptOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (optOut: boolean) => api<{ optOut: boolean }>("/rewards/me/leaderboard", { method: "PUT", body: { optOut } }),
    onSuccess: (data) => {
      client.setQueryData(optOutKey, data);
      void client.invalidateQueries({ queryKey: [...rewardsKey, "leaderboard"] });
    },
  });
}

export function useLiability() {
  return useQuery({ queryKey: [...rewardsKey, "liability"], queryFn: () => api<Liability>("/rewards/liability") });
}
