import { Anchor, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { AssetSummary } from "../../api/types";
import { formatDate } from "../../lib/format";
import { AssetBadges } from "./AssetBadges";
import { formatLine } from "./library.labels";

interface AssetCardProps {
  asset: AssetSummary;
  to: string;
  side: "portal" | "vendor";
}

export function AssetCard({ asset, to, side }: AssetCardProps) {
  const changed = asset.contentUpdatedAt ?? asset.publishedAt ?? asset.updatedAt;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`asset-${asset.id}`}>
      <Stack gap={8} h="100%">
        <AssetBadges asset={asset} side={side} />
        <Anchor component={Link} to={to} fw={700} id={`asset-${asset.id}`} lineClamp={2}>
          {asset.title}
        </Anchor>
        {asset.summary ? (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {asset.summary}
          </Text>
        ) : null}
        <Group justify="space-between" gap="xs" mt="auto" pt={4}>
          <Text size="xs" c="dimmed">
            {formatLine(asset)}
          </Text>
          <Text size="xs" c="dimmed">
            {side === "vendor" ? `${asset.useCount === 1 ? "1 use" : `${asset.useCount} uses`} · ` : ""}
            {formatDate(changed)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
