import { Group, Skeleton, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { lastDays, type PeriodDays, useAssetUsage } from "./library.api";
import { PeriodPicker, UsageChart, UsageTotals } from "./UsageChart";

/** One asset's views and downloads per day; partners' use only (vendor users are not counted). */
export function UsagePanel({ assetId }: { assetId: string }) {
  const [days, setDays] = useState<PeriodDays>(90);
  const usage = useAssetUsage(assetId, lastDays(days));
  return (
    <Stack>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          How partner users viewed and downloaded this asset.
        </Text>
        <PeriodPicker value={days} onChange={setDays} />
      </Group>
      {usage.isPending ? (
        <Skeleton height={320} aria-label="Loading usage" />
      ) : usage.isError ? (
        <ErrorAlert error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <>
          <UsageTotals usage={usage.data} />
          <UsageChart usage={usage.data} label={`Usage per day from ${usage.data.from} to ${usage.data.to}`} />
        </>
      )}
    </Stack>
  );
}
