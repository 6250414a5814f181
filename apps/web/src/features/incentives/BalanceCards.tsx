import { Paper, SimpleGrid, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { IncentiveSettings, RepBalance } from "../../api/incentives-types";
import { formatDate, formatMoney } from "../../lib/format";
import type { ExpiringSoon } from "./expiring";
import { points, pointsValueMinor } from "./incentives.labels";

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function expiringHint(expiring: ExpiringSoon | null | undefined, settings: IncentiveSettings | undefined): string {
  if (!settings) return "";
  if (expiring === undefined) return "Working it out…";
  if (expiring === null) return `Points expire ${settings.expiryMonths} months after the month they were earned.`;
  if (expiring.points === 0) return `Nothing expires in the next ${settings.expiryWarningDays} days.`;
  return expiring.firstDate === expiring.byDate
    ? `Expire on ${formatDate(expiring.firstDate)}. Spend them first.`
    : `From ${formatDate(expiring.firstDate)} to ${formatDate(expiring.byDate)}. Spend them first.`;
}

/** The rep's four figures: what it can spend, what redemptions hold, what it earned ever, what expires soon. */
export function BalanceCards({
  balance,
  settings,
  expiring,
}: {
  balance: RepBalance | undefined;
  settings: IncentiveSettings | undefined;
  expiring: ExpiringSoon | null | undefined;
}) {
  if (!balance)
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} aria-busy="true" aria-label="Loading your points">
        {[1, 2, 3, 4].map((key) => (
          <Skeleton key={key} height={104} />
        ))}
      </SimpleGrid>
    );
  const worth = settings
    ? `Worth about ${formatMoney({ amountMinor: pointsValueMinor(balance.available, settings.valueMinorPer1000Points), currency: settings.currency })}`
    : undefined;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Figure label="Available" value={points(balance.available)} hint={worth} />
      <Figure label="Reserved" value={points(balance.reserved)} hint="Held by rewards on their way to you" />
      <Figure label="Earned ever" value={points(balance.lifetimeEarned)} hint="Net of reversals and adjustments" />
      <Figure
        label="Expiring soon"
        value={expiring === undefined ? <Skeleton height={30} width="60%" mt={4} /> : expiring === null ? "—" : points(expiring.points)}
        hint={expiringHint(expiring, settings)}
      />
    </SimpleGrid>
  );
}
