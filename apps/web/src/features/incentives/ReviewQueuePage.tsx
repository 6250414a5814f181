import { Button, Group } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { PartnerFilter } from "../../components/PartnerFilter";
import { TableSkeleton } from "../../components/Skeletons";
import { useSearchState } from "../../lib/useSearchState";
import { ClaimStatusFilter, ClaimsTable, statusOf } from "./ClaimsTable";
import { useClaims } from "./claims.api";
import { vendorClaimLink } from "./links";

/** The review queue: pending claims oldest first; other statuses newest first. */
export function ReviewQueuePage() {
  const { values, set, clear } = useSearchState(["status", "partner"] as const);
  // The queue is the default view; "all" is asked for explicitly.
  const status = values.status === "all" ? null : (statusOf(values.status) ?? "pending");
  const claims = useClaims({ status, partnerId: values.partner });
  const canConfigure = useCan("incentives:configure");
  return (
    <Page
      title="Claims review"
      description={status === "pending" ? "Claims waiting for a decision, oldest first." : "Claims, newest first."}
      actions={
        canConfigure ? (
          <Button component={Link} to="/incentives/settings" variant="default">
            Auto-approval threshold
          </Button>
        ) : null
      }
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <ClaimStatusFilter value={status} onChange={(next) => set({ status: next ?? "all" })} />
        <div style={{ width: 260 }}>
          <PartnerFilter value={values.partner} onChange={(partner) => set({ partner })} />
        </div>
      </Group>
      {claims.isPending ? (
        <TableSkeleton />
      ) : claims.isError ? (
        <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />
      ) : claims.items.length === 0 ? (
        status === "pending" && !values.partner ? (
          <Empty title="The queue is empty">
            Every claim has been decided. Claims scoring at or under the auto-approval threshold are approved without review.
          </Empty>
        ) : (
          <Empty
            title="No claims match"
            actions={
              <Button variant="default" onClick={clear}>
                Back to the queue
              </Button>
            }
          >
            No claim has this status{values.partner ? " for this partner" : ""}.
          </Empty>
        )
      ) : (
        <>
          <ClaimsTable claims={claims.items} linkOf={vendorClaimLink} showRep showPartner />
          <LoadMore
            hasNextPage={claims.hasNextPage}
            isFetchingNextPage={claims.isFetchingNextPage}
            fetchNextPage={claims.fetchNextPage}
            shown={claims.items.length}
          />
        </>
      )}
    </Page>
  );
}
