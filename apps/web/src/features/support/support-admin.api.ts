import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type {
  AgentCoverage,
  HotspotDimension,
  HotspotReport,
  SlaPolicyRow,
  SupportConsumption,
  SupportSettings,
  SupportSettingsInput,
  TierAllowance,
} from "../../api/types";
import { formatMoney } from "../../lib/format";

/** Everything the desk's admin pages read; the ticket pages live under ["support", "tickets"]. */
export const supportAdminKey = ["support", "admin"] as const;
const settingsKey = [...supportAdminKey, "settings"] as const;
const slaKey = [...supportAdminKey, "sla-policies"] as const;
const allowancesKey = [...supportAdminKey, "allowances"] as const;
const agentsKey = [...supportAdminKey, "agents"] as const;
const consumptionKey = [...supportAdminKey, "consumption"] as const;

export function useSupportSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<SupportSettings>("/support/settings") });
}

export function useUpdateSupportSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SupportSettingsInput) => api<SupportSettings>("/support/settings", { method: "PUT", body: input }),
    onSuccess: (data) => {
      client.setQueryData(settingsKey, data);
      // Cost per hour and capacity are the consumption page's yardsticks.
      void client.invalidateQueries({ queryKey: consumptionKey });
    },
  });
}

export function useSlaPolicies() {
  return useQuery({ queryKey: slaKey, queryFn: () => api<{ policies: SlaPolicyRow[] }>("/support/sla-policies"), select: (data) => data.policies });
}

export function useSaveSlaPolicies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policies: SlaPolicyRow[]) => api<{ policies: SlaPolicyRow[] }>("/support/sla-policies", { method: "PUT", body: { policies } }),
    onSuccess: (data) => client.setQueryData(slaKey, data),
  });
}

export function useAllowances() {
  return useQuery({
    queryKey: allowancesKey,
    queryFn: () => api<{ allowances: TierAllowance[] }>("/support/allowances"),
    select: (data) => data.allowances,
  });
}

export function useSaveAllowances() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (allowances: TierAllowance[]) =>
      api<unknown>("/support/allowances", {
        method: "PUT",
        body: { allowances: allowances.map(({ tierId, hoursPerMonth }) => ({ tierId, hoursPerMonth })) },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: allowancesKey });
      void client.invalidateQueries({ queryKey: consumptionKey });
    },
  });
}

export function useAgents() {
  return useQuery({ queryKey: agentsKey, queryFn: () => api<{ items: AgentCoverage[] } | AgentCoverage[]>("/support/agents"), select: itemsOf });
}

/** GET /agents answers a list; accept both a bare array and `{items}` so the page does not hinge on the envelope. */
function itemsOf<T>(data: { items: T[] } | T[]): T[] {
  return Array.isArray(data) ? data : data.items;
}

export function useSaveCoverage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, familyIds }: { userId: string; familyIds: string[] }) =>
      api<unknown>(`/support/agents/${encodeURIComponent(userId)}/coverage`, { method: "PUT", body: { familyIds } }),
    onSuccess: () => client.invalidateQueries({ queryKey: agentsKey }),
  });
}

export function useConsumption(month: string) {
  return useQuery({
    queryKey: [...consumptionKey, month],
    queryFn: ({ signal }) => api<SupportConsumption>("/support/consumption", { query: { month }, signal }),
    placeholderData: (previous) => previous,
  });
}

export interface HotspotFilters {
  dimension: HotspotDimension;
  from: string;
  to: string;
  productId: string | null;
}

export function useHotspots(filters: HotspotFilters) {
  return useQuery({
    queryKey: [...supportAdminKey, "hotspots", filters],
    queryFn: ({ signal }) => api<HotspotReport>("/support/hotspots", { query: { ...filters }, signal }),
    placeholderData: (previous) => previous,
  });
}

/** "2025-03" for the current month, in the viewer's calendar. */
export function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** Shifts a YYYY-MM month by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [year = 1970, mon = 1] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, mon - 1 + delta, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "2-digit", timeZone: "UTC" });

export function formatMonth(month: string, short = false): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return (short ? shortMonthFormat : monthFormat).format(date);
}

/** Minor units and a currency code as "€85.00". */
export function formatMinor(amountMinor: number, currency: string): string {
  return formatMoney({ amountMinor, currency });
}

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatHours(hours: number): string {
  return `${hoursFormat.format(hours)} h`;
}
