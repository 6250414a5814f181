import { Anchor, Group, Modal, Stack, Text } from "@mantine/core";
import { isPartnerRole } from "@trellis/shared";
import { Link } from "react-router";
import type { Product } from "../../api/types";
import { useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { TableSkeleton } from "../../components/Skeletons";
import { AssetBadges } from "./AssetBadges";
import { noFilters, useAssets } from "./library.api";
import { formatLine } from "./library.labels";

/** "Sales tools for this product": the library assets linked to one product, from the catalogue. */
export function ProductSalesTools({ product, onClose }: { product: Pick<Product, "id" | "name" | "sku">; onClose: () => void }) {
  const user = useUser();
  const portal = isPartnerRole(user.role);
  const base = portal ? "/portal/library" : "/library";
  const assets = useAssets({ ...noFilters, productId: product.id }, { limit: 20 });
  return (
    <Modal opened onClose={onClose} title={`Sales tools for ${product.name}`} size="lg">
      {assets.isPending ? (
        <TableSkeleton rows={3} />
      ) : assets.isError ? (
        <ErrorAlert error={assets.error} onRetry={() => void assets.refetch()} />
      ) : assets.items.length === 0 ? (
        <Empty title="No sales tools for this product yet">
          {portal ? "Ask your channel manager, or browse the whole library." : "Link assets to this product in their Products field."}
        </Empty>
      ) : (
        <Stack gap="sm">
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {assets.items.map((asset) => (
              <li key={asset.id}>
                <Stack gap={4}>
                  <Anchor component={Link} to={portal ? `${base}/${asset.id}` : `${base}/assets/${asset.id}`} fw={600}>
                    {asset.title}
                  </Anchor>
                  <Group gap="xs">
                    <AssetBadges asset={asset} side={portal ? "portal" : "vendor"} />
                    <Text size="xs" c="dimmed">
                      {formatLine(asset)}
                    </Text>
                  </Group>
                </Stack>
              </li>
            ))}
          </Stack>
          {assets.hasNextPage ? <LoadMore {...assets} shown={assets.items.length} /> : null}
        </Stack>
      )}
      <Anchor component={Link} to={`${base}?productId=${encodeURIComponent(product.id)}`} size="sm" mt="md" display="block">
        Open the library filtered to {product.sku}
      </Anchor>
    </Modal>
  );
}
