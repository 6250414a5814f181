import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { AssetSummary, Page } from "../../api/types";
import { AssetBadges } from "./AssetBadges";
import { assetsKey } from "./library.api";

/** The partner home page's nudge: the newest sales tools, marked New or Updated for this reader. */
export function LatestSalesTools() {
  const latest = useQuery({
    queryKey: [...assetsKey, "latest"],
    queryFn: ({ signal }) => api<Page<AssetSummary>>("/library/assets", { query: { sort: "newest", limit: 4 }, signal }),
  });
  if (latest.isPending || latest.isError || latest.data.items.length === 0) return null;
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          New in the sales tools
        </Title>
        <Anchor component={Link} to="/portal/library" size="sm">
          All sales tools
        </Anchor>
      </Group>
      <Stack gap="sm">
        {latest.data.items.map((asset) => (
          <Group key={asset.id} justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/portal/library/${asset.id}`} fw={600}>
              {asset.title}
            </Anchor>
            <AssetBadges asset={asset} side="portal" />
          </Group>
        ))}
      </Stack>
      <Text size="xs" c="dimmed" mt="sm">
        Newest first; “New” means you have not opened it yet.
      </Text>
    </Card>
  );
}
