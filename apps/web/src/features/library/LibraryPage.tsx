import { Button } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../auth/session";
import { Page } from "../../components/Page";
import { AssetBrowser } from "./AssetBrowser";

export function LibraryPage() {
  const canWrite = useCan("library:write");
  const canSeeUsage = useCan("library:analytics");
  const newButton = (
    <Button component={Link} to="/library/new">
      New asset
    </Button>
  );
  return (
    <Page
      title="Sales tools"
      description="The collateral partner reps sell with. Partners see published assets meant for them; the rest stays here."
      actions={
        <>
          <Button component={Link} to="/library/kits" variant="default">
            Kits
          </Button>
          {canSeeUsage ? (
            <Button component={Link} to="/library/analytics" variant="default">
              Usage
            </Button>
          ) : null}
          {canWrite ? newButton : null}
        </>
      }
    >
      <AssetBrowser
        side="vendor"
        linkTo={(asset) => `/library/assets/${asset.id}`}
        emptyTitle="No sales tools yet"
        emptyHint={
          canWrite
            ? "Create the first asset: upload a brochure, data sheet or video, or write a sales script as a page. It stays a draft until you publish it."
            : "Marketing adds sales tools here."
        }
        emptyActions={canWrite ? newButton : null}
      />
    </Page>
  );
}
