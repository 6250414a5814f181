import { Alert, Skeleton, Stack, Tabs, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { lazy, Suspense } from "react";
import { useParams, useSearchParams } from "react-router";
import type { AssetDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { AssetForm, showApiErrors } from "./AssetForm";
import { AssetCrumbs, AssetHeading } from "./AssetHeading";
import { AssetViewer } from "./AssetViewer";
import { patchOf } from "./asset.form";
import { DownloadButtons } from "./DownloadButtons";
import { FileVersionUpload } from "./FileVersionUpload";
import { useAsset, useUpdateAsset } from "./library.api";
import { PageVersionEditor } from "./PageVersionEditor";
import { StatusActions } from "./StatusActions";
import { VersionsTable } from "./VersionsTable";

// The chart library is large: it loads only when someone opens the Usage tab.
const UsagePanel = lazy(async () => ({ default: (await import("./UsagePanel")).UsagePanel }));

const tabs = ["details", "content", "usage"] as const;
type Tab = (typeof tabs)[number];

function DetailsTab({ asset, canWrite }: { asset: AssetDetail; canWrite: boolean }) {
  const update = useUpdateAsset(asset.id);
  return (
    <AssetForm
      key={`${asset.id}:${asset.updatedAt}`}
      asset={asset}
      readOnly={!canWrite}
      pending={update.isPending}
      error={update.error}
      submitLabel="Save changes"
      onSubmit={(values, form) => {
        const patch = patchOf(asset, values);
        if (Object.keys(patch).length === 0) {
          notifications.show({ message: "Nothing changed." });
          return;
        }
        update.mutate(patch, {
          onSuccess: (saved) => notifications.show({ color: "teal", message: `${saved.title} was saved.` }),
          onError: (error) => showApiErrors(form, error),
        });
      }}
    />
  );
}

function ContentTab({ asset, canWrite }: { asset: AssetDetail; canWrite: boolean }) {
  return (
    <Stack>
      {canWrite ? (
        asset.format === "file" ? (
          <FileVersionUpload asset={asset} />
        ) : (
          <PageVersionEditor key={asset.currentVersion} asset={asset} />
        )
      ) : null}
      <Title order={2} size="h4">
        {asset.format === "page" ? "Saved page, as partners see it" : "Current version, as partners see it"}
      </Title>
      <AssetViewer asset={asset} emptyHint={canWrite ? "Upload the file above; the asset can be published once it has one." : undefined} />
      <Title order={2} size="h4">
        Versions
      </Title>
      <VersionsTable asset={asset} />
    </Stack>
  );
}

export function AssetEditPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const asset = useAsset(id);
  const canWrite = useCan("library:write");
  const canSeeUsage = useCan("library:analytics");
  const requested = params.get("tab") as Tab;
  const tab: Tab = tabs.includes(requested) && (requested !== "usage" || canSeeUsage) ? requested : "details";

  const crumbs = <AssetCrumbs libraryPath="/library" title={asset.data?.title} />;
  if (asset.isPending) return <PageSkeleton />;
  if (asset.isError) {
    return (
      <Page title="Asset" description={crumbs}>
        <ErrorAlert error={asset.error} onRetry={() => void asset.refetch()} />
      </Page>
    );
  }
  const data = asset.data;
  return (
    <Page
      title={data.title}
      description={<AssetHeading crumbs={crumbs} asset={data} side="vendor" />}
      actions={
        <>
          <DownloadButtons asset={data} side="vendor" />
          {canWrite ? <StatusActions asset={data} /> : null}
        </>
      }
    >
      {data.hiddenFromPartners ? (
        <Alert color="orange" title="Hidden from partners">
          This competitive data sheet is past its review-by date, and your settings hide such sheets from partners. Review it and set a new date to
          show it again.
        </Alert>
      ) : null}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === "details" ? {} : { tab: value ?? "details" }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="content">{data.format === "page" ? "Page and versions" : "File and versions"}</Tabs.Tab>
          {canSeeUsage ? <Tabs.Tab value="usage">Usage</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <DetailsTab asset={data} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="content" pt="md">
          <ContentTab asset={data} canWrite={canWrite} />
        </Tabs.Panel>
        {canSeeUsage ? (
          <Tabs.Panel value="usage" pt="md">
            <Suspense fallback={<Skeleton height={320} aria-label="Loading usage" />}>
              <UsagePanel assetId={data.id} />
            </Suspense>
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Page>
  );
}
