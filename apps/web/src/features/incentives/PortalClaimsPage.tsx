import { Button, Group, Select } from "@mantine/core";
import { Link } from "react-router";
import { useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { useSearchState } from "../../lib/useSearchState";
import { ClaimImport } from "./ClaimImport";
import { ClaimStatusFilter, ClaimsTable, statusOf } from "./ClaimsTable";
import { useClaims } from "./claims.api";
import { useStaff } from "./incentives.api";
import { portalClaimLink } from "./links";

/** A partner admin narrows its team's claims to one rep. */
function RepFilter({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const user = useUser();
  const staff = useStaff(user.partnerId);
  const team = (staff.data ?? []).filter((member) => member.role === "sales_rep" || member.role === "partner_admin");
  return (
    <Select
      label="Rep"
      placeholder="Everyone in the team"
      clearable
      searchable
      data={team.map((member) => ({ value: member.id, label: member.name }))}
      value={value}
      onChange={onChange}
      w={240}
    />
  );
}

/** A rep's own claims; a partner admin's team's, with the CSV import. */
export function PortalClaimsPage() {
  const user = useUser();
  const admin = user.role === "partner_admin";
  const { values, set, clear } = useSearchState(["status", "rep"] as const);
  const status = statusOf(values.status);
  const claims = useClaims({ status, repId: admin ? values.rep : null });
  const filtered = Boolean(status || values.rep);
  return (
    <Page
      title={admin ? "Team claims" : "My claims"}
      description={admin ? "Every sale your team has claimed, newest first." : "Every sale you have claimed, newest first."}
      actions={
        <>
          <Button component={Link} to="/portal/points/claim">
            Claim a sale
          </Button>
          {admin ? <ClaimImport /> : null}
        </>
      }
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <ClaimStatusFilter value={status} onChange={(next) => set({ status: next })} />
        {admin ? <RepFilter value={values.rep} onChange={(rep) => set({ rep })} /> : null}
      </Group>
      {claims.isPending ? (
        <TableSkeleton />
      ) : claims.isError ? (
        <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />
      ) : claims.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No claims match"
            actions={
              <Button variant="default" onClick={clear}>
                Show every claim
              </Button>
            }
          >
            No claim has this status{values.rep ? " for this rep" : ""}.
          </Empty>
        ) : (
          <Empty
            title="No claims yet"
            actions={
              <Button component={Link} to="/portal/points/claim">
                Claim a sale
              </Button>
            }
          >
            Sold some of the vendor's products? Claim the sale with its invoice and serial numbers to earn points.
          </Empty>
        )
      ) : (
        <>
          <ClaimsTable claims={claims.items} linkOf={portalClaimLink} showRep={admin} showPartner={false} />
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
