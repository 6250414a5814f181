import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { AssetDetail } from "../../api/types";
import { formatDate } from "../../lib/format";
import { formatLine, languageName, marketLabel } from "./library.labels";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

interface AssetFactsProps {
  asset: AssetDetail;
  /** Where a linked product leads, e.g. the catalogue filtered by its SKU. */
  productLink: (product: AssetDetail["products"][number]) => string;
}

/** What the reader checks before sending it to a customer: which version, how fresh, for which products. */
export function AssetFacts({ asset, productLink }: AssetFactsProps) {
  const current = asset.versions.find((version) => version.version === asset.currentVersion) ?? asset.versions[0];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          About this asset
        </Title>
        <Fact label="Version">
          <Text size="sm">
            {asset.currentVersion > 0 ? `Version ${asset.currentVersion}` : "No version yet"}
            {current ? `, ${formatDate(current.createdAt)}` : ""}
          </Text>
          {current?.note ? (
            <Text size="xs" c="dimmed">
              {current.note}
            </Text>
          ) : null}
        </Fact>
        <Fact label="Format">
          <Text size="sm">{formatLine(asset)}</Text>
        </Fact>
        <Fact label="Language">
          <Text size="sm">{languageName(asset.language)}</Text>
        </Fact>
        {asset.reviewBy ? (
          <Fact label="Review by">
            <Text size="sm" c={asset.needsReview ? "orange.8" : undefined}>
              {formatDate(asset.reviewBy)}
              {asset.needsReview ? " (past)" : ""}
            </Text>
          </Fact>
        ) : null}
        <Fact label="Products">
          {asset.products.length === 0 ? (
            <Text size="sm">Not tied to a product</Text>
          ) : (
            <Stack gap={2}>
              {asset.products.map((product) => (
                <Anchor key={product.id} component={Link} to={productLink(product)} size="sm">
                  {product.name}{" "}
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {product.sku}
                  </Text>
                </Anchor>
              ))}
            </Stack>
          )}
        </Fact>
        {asset.markets.length > 0 ? (
          <Fact label="Markets">
            <Group gap={4} mt={2}>
              {asset.markets.map((market) => (
                <Badge key={market} variant="default" radius="sm">
                  {marketLabel(market)}
                </Badge>
              ))}
            </Group>
          </Fact>
        ) : null}
        {asset.tags.length > 0 ? (
          <Fact label="Tags">
            <Group gap={4} mt={2}>
              {asset.tags.map((tag) => (
                <Badge key={tag} variant="light" color="gray" radius="sm" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Fact>
        ) : null}
      </Stack>
    </Paper>
  );
}
