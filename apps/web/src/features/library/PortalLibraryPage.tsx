import { Button } from "@mantine/core";
import { Link } from "react-router";
import { Page } from "../../components/Page";
import { AssetBrowser } from "./AssetBrowser";

export function PortalLibraryPage() {
  return (
    <Page
      title="Sales tools"
      description="Brochures, data sheets, scripts and videos to sell with. New and updated material is marked."
      actions={
        <Button component={Link} to="/portal/library/kits" variant="default">
          Sales kits
        </Button>
      }
    >
      <AssetBrowser
        side="portal"
        linkTo={(asset) => `/portal/library/${asset.id}`}
        emptyTitle="Your vendor has not shared sales tools with you yet"
        emptyHint="New material appears here as soon as the vendor publishes it; ask your channel manager if you need something now."
      />
    </Page>
  );
}
