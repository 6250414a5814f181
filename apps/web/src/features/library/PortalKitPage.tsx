import { Anchor, Breadcrumbs, Button, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { AssetGrid } from "./AssetBrowser";
import { kitZipUrl, useKit } from "./library.api";

export function PortalKitPage() {
  const { id = "" } = useParams();
  const kit = useKit(id);
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/portal/library" size="sm">
        Sales tools
      </Anchor>
      <Anchor component={Link} to="/portal/library/kits" size="sm">
        Kits
      </Anchor>
      <span>{kit.data?.title ?? "Kit"}</span>
    </Breadcrumbs>
  );
  if (kit.isPending) return <PageSkeleton />;
  if (kit.isError) {
    return (
      <Page title="Sales kit" description={crumbs}>
        <ErrorAlert error={kit.error} onRetry={() => void kit.refetch()} />
      </Page>
    );
  }
  const data = kit.data;
  return (
    <Page
      title={data.title}
      description={crumbs}
      actions={
        data.assets.length > 0 ? (
          <Button component="a" href={kitZipUrl(data.id)} download>
            Download kit (ZIP)
          </Button>
        ) : null
      }
    >
      <Stack>
        {data.description ? <Text>{data.description}</Text> : null}
        {data.assets.length === 0 ? (
          <Empty title="This kit is empty for you">None of its sales tools is shared with your organisation yet.</Empty>
        ) : (
          <AssetGrid assets={data.assets} linkTo={(asset) => `/portal/library/${asset.id}`} side="portal" />
        )}
      </Stack>
    </Page>
  );
}
