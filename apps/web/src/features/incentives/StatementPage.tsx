import { Button, Group, Text } from "@mantine/core";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { BalanceCards } from "./BalanceCards";
import { useExpiringSoon } from "./expiring";
import { statementCsvUrl, statementPdfUrl, useBalance, useIncentiveSettings, useStatement } from "./incentives.api";
import { portalClaimLink } from "./links";
import { StatementTable } from "./StatementTable";

/** Every movement of the rep's points, with downloads for its records. */
export function StatementPage() {
  const balance = useBalance();
  const settings = useIncentiveSettings();
  const expiring = useExpiringSoon(balance.data?.available, settings.data);
  const statement = useStatement();
  return (
    <Page
      title="My statement"
      description="Every movement of your points, newest first: what you earned, reserved, spent, and what expired."
      actions={
        <>
          <Button component="a" href={statementCsvUrl()} download variant="default">
            Download CSV
          </Button>
          <Button component="a" href={statementPdfUrl()} download variant="default">
            Download PDF
          </Button>
        </>
      }
    >
      <BalanceCards balance={balance.data} settings={settings.data} expiring={expiring.isError ? null : expiring.data} />
      {statement.isPending ? (
        <TableSkeleton />
      ) : statement.isError ? (
        <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />
      ) : statement.items.length === 0 ? (
        <Empty
          title="No movements yet"
          actions={
            <Button component={Link} to="/portal/points/claim">
              Claim a sale
            </Button>
          }
        >
          Your statement starts with your first approved claim.
        </Empty>
      ) : (
        <>
          <StatementTable lines={statement.items} claimLink={portalClaimLink} />
          <LoadMore
            hasNextPage={statement.hasNextPage}
            isFetchingNextPage={statement.isFetchingNextPage}
            fetchNextPage={statement.fetchNextPage}
            shown={statement.items.length}
          />
          <Group justify="center">
            <Text size="xs" c="dimmed">
              A redemption shows twice: points move from available to reserved, and leave reserved when the reward is fulfilled.
            </Text>
          </Group>
        </>
      )}
    </Page>
  );
}
