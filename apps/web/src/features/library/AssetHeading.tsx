import { Anchor, Breadcrumbs, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { AssetSummary } from "../../api/types";
import { AssetBadges } from "./AssetBadges";

/** "Sales tools / <title>": back to the library list of the vendor console or the portal. */
export function AssetCrumbs({ libraryPath, title }: { libraryPath: string; title: string | undefined }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={libraryPath} size="sm">
        Sales tools
      </Anchor>
      <span>{title ?? "Asset"}</span>
    </Breadcrumbs>
  );
}

/** Under an asset page's title: the crumbs, then the badges for this side. */
export function AssetHeading({ crumbs, asset, side }: { crumbs: ReactNode; asset: AssetSummary; side: "portal" | "vendor" }) {
  return (
    <Stack gap={6}>
      {crumbs}
      <AssetBadges asset={asset} side={side} />
    </Stack>
  );
}
