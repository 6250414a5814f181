import { Alert, Grid, Stack } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useParams } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDate } from "../../lib/format";
import { AssetFacts } from "./AssetFacts";
import { AssetCrumbs, AssetHeading } from "./AssetHeading";
import { AssetViewer } from "./AssetViewer";
import { DownloadButtons } from "./DownloadButtons";
import { useAsset, useMarkOpened } from "./library.api";

/** Tells the server once per visit that this reader opened the asset (a view; clears "Updated"). */
function useOpenedOnce(id: string, ready: boolean) {
  const opened = useMarkOpened();
  const sent = useRef<string | null>(null);
  const { mutate } = opened;
  useEffect(() => {
    // StrictMode runs effects twice in development; the ref keeps it to one view per asset visit.
    if (!ready || sent.current === id) return;
    sent.current = id;
    mutate(id);
  }, [id, ready, mutate]);
}

export function PortalAssetPage() {
  const { id = "" } = useParams();
  const asset = useAsset(id);
  useOpenedOnce(id, asset.isSuccess);

  const crumbs = <AssetCrumbs libraryPath="/portal/library" title={asset.data?.title} />;

  if (asset.isPending) return <PageSkeleton />;
  if (asset.isError) {
    return (
      <Page title="Sales tool" description={crumbs}>
        <ErrorAlert error={asset.error} onRetry={() => void asset.refetch()} />
      </Page>
    );
  }
  const data = asset.data;
  return (
    <Page title={data.title} description={<AssetHeading crumbs={crumbs} asset={data} side="portal" />} actions={<DownloadButtons asset={data} />}>
      {data.updatedSinceOpened && data.openedVersion !== null ? (
        <Alert color="grape" title="Updated since you last opened it">
          You last saw version {data.openedVersion}; this is version {data.currentVersion}
          {data.contentUpdatedAt ? `, from ${formatDate(data.contentUpdatedAt)}` : ""}. Replace any copy you keep.
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {data.summary ? <div>{data.summary}</div> : null}
            <AssetViewer asset={data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <AssetFacts asset={data} productLink={(product) => `/portal/products?q=${encodeURIComponent(product.sku)}`} />
        </Grid.Col>
      </Grid>
    </Page>
  );
}
