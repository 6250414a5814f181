import { ActionIcon, Anchor, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import type { AssetSummary } from "../../api/types";
import { TypeBadge } from "./AssetBadges";
import { useAssetSearch } from "./library.api";
import { statusLabels } from "./library.labels";

interface KitAssetListProps {
  assets: AssetSummary[];
  onChange: (assets: AssetSummary[]) => void;
  readOnly: boolean;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function AddAsset({ chosen, onAdd }: { chosen: AssetSummary[]; onAdd: (asset: AssetSummary) => void }) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const found = useAssetSearch(q);
  const options = (found.data ?? []).filter((asset) => !chosen.some((item) => item.id === asset.id));
  return (
    <Select
      label="Add an asset"
      placeholder="Type to search the library"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched (title, summary, tags, PDF text).
      filter={({ options: all }) => all}
      data={options.map((asset) => ({ value: asset.id, label: `${asset.title} · ${statusLabels[asset.status]}` }))}
      value={null}
      onChange={(id) => {
        const asset = options.find((item) => item.id === id);
        if (!asset) return;
        onAdd(asset);
        setSearch("");
      }}
      nothingFoundMessage={found.isFetching ? "Searching…" : "Nothing found"}
    />
  );
}

/** The kit's assets in order, with move up/down and remove buttons (keyboard-friendly, no drag needed). */
export function KitAssetList({ assets, onChange, readOnly }: KitAssetListProps) {
  return (
    <Stack gap="xs">
      {assets.length === 0 ? (
        <Text size="sm" c="dimmed">
          No assets in this kit yet{readOnly ? "." : ": add them below."}
        </Text>
      ) : (
        <Stack gap={6} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {assets.map((asset, index) => (
            <Paper key={asset.id} withBorder p="xs" component="li">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" style={{ minWidth: 0 }}>
                  <Text size="sm" c="dimmed" w={20}>
                    {index + 1}.
                  </Text>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/library/assets/${asset.id}`} size="sm" fw={600} lineClamp={1}>
                      {asset.title}
                    </Anchor>
                    <Group gap={4}>
                      <TypeBadge type={asset.type} />
                      {asset.status !== "published" ? (
                        <Text size="xs" c="orange.8">
                          {statusLabels[asset.status]}: partners do not see it
                        </Text>
                      ) : null}
                    </Group>
                  </Stack>
                </Group>
                {readOnly ? null : (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="default"
                      disabled={index === 0}
                      onClick={() => onChange(move(assets, index, index - 1))}
                      aria-label={`Move ${asset.title} up`}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      disabled={index === assets.length - 1}
                      onClick={() => onChange(move(assets, index, index + 1))}
                      aria-label={`Move ${asset.title} down`}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(assets.filter((item) => item.id !== asset.id))}
                      aria-label={`Remove ${asset.title}`}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {readOnly ? null : <AddAsset chosen={assets} onAdd={(asset) => onChange([...assets, asset])} />}
    </Stack>
  );
}
