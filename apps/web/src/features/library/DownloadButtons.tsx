import { Button } from "@mantine/core";
import type { AssetDetail } from "../../api/types";
import { cobrandedUrl, contentUrl } from "./library.api";

/** Plain links with `download`: the browser streams the file to disk, nothing is held in memory. */
export function DownloadButtons({ asset, side = "portal" }: { asset: AssetDetail; side?: "portal" | "vendor" }) {
  if (asset.format === "file" && asset.currentVersion === 0) return null;
  return (
    <>
      {asset.format === "file" ? (
        <Button component="a" href={contentUrl(asset.id, { download: true })} download variant={asset.coBrandable ? "default" : "filled"}>
          Download
        </Button>
      ) : null}
      {asset.coBrandable ? (
        <Button component="a" href={cobrandedUrl(asset.id)} download>
          {/* Vendor users get the same route stamped with a sample reseller. */}
          {side === "vendor" ? "Download co-branded sample" : "Download with my logo"}
        </Button>
      ) : null}
    </>
  );
}
