import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { CardsSkeleton } from "./AssetBrowser";
import { useKits } from "./library.api";

export function PortalKitsPage() {
  const kits = useKits();
  return (
    <Page title="Sales kits" description="Ready-made bundles of sales tools for one product line or campaign, to download in one go.">
      {kits.isPending ? (
        <CardsSkeleton count={3} />
      ) : kits.isError ? (
        <ErrorAlert error={kits.error} onRetry={() => void kits.refetch()} />
      ) : kits.data.length === 0 ? (
        <Empty
          title="No sales kits yet"
          actions={
            <Anchor component={Link} to="/portal/library">
              Browse single sales tools
            </Anchor>
          }
        >
          Your vendor has not put together kits yet. Every published sales tool is in the library.
        </Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {kits.data.map((kit) => (
            <Card key={kit.id} withBorder padding="md" component="article">
              <Stack gap={6}>
                <Anchor component={Link} to={`/portal/library/kits/${kit.id}`} fw={700}>
                  {kit.title}
                </Anchor>
                {kit.description ? (
                  <Text size="sm" c="dimmed" lineClamp={3}>
                    {kit.description}
                  </Text>
                ) : null}
                <Group gap={6}>
                  <Badge variant="light" color="gray">
                    {kit.assets.length === 1 ? "1 asset" : `${kit.assets.length} assets`}
                  </Badge>
                  {kit.assets.some((asset) => asset.updatedSinceOpened || asset.openedVersion === null) ? (
                    <Badge variant="filled" color="blue">
                      Something new inside
                    </Badge>
                  ) : null}
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}
