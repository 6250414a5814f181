import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { VendorSettings } from "../../api/types";

export const settingsKey = ["settings"] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<VendorSettings>("/settings") });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { vendorName?: string; supportedPartnerCapacity?: number; hideStaleCompetitive?: boolean }) =>
      api<VendorSettings>("/settings", { method: "PATCH", body: input }),
    onSuccess: (data) => {
      client.setQueryData(settingsKey, data);
      void client.invalidateQueries({ queryKey: ["partners", "summary"] });
      // Whether stale competitive sheets are hidden changes what the library shows.
      void client.invalidateQueries({ queryKey: ["library"] });
    },
  });
}
