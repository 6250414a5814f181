import { Anchor, Breadcrumbs } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { ClaimView } from "./ClaimView";
import { useClaim } from "./claims.api";
import { InvoiceUpload } from "./InvoiceUpload";

/** One claim as its rep (or the rep's partner admin) sees it, with the invoice upload. */
export function PortalClaimPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const canClaim = useCan("incentives:claim");
  const claim = useClaim(id);
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/portal/points" size="sm">
        My points
      </Anchor>
      <Anchor component={Link} to="/portal/points/claims" size="sm">
        Claims
      </Anchor>
    </Breadcrumbs>
  );
  if (claim.isPending) return <PageSkeleton />;
  if (claim.isError)
    return (
      <Page title="Claim" description={crumbs}>
        <ErrorAlert error={claim.error} onRetry={() => void claim.refetch()} />
      </Page>
    );
  return (
    <Page title={`Claim for invoice ${claim.data.invoiceNumber}`} description={crumbs}>
      <ClaimView claim={claim.data} invoiceSlot={canClaim ? <InvoiceUpload claim={claim.data} highlight={params.get("filed") === "1"} /> : null} />
    </Page>
  );
}
