import { Paper, Stack, Text } from "@mantine/core";
import { useUser } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { LogoCard } from "../partners/LogoCard";
import { PartnerProfileView } from "../partners/PartnerProfileView";
import { usePortalPartner } from "./usePortalPartner";

export function PortalOrganisationPage() {
  const user = useUser();
  const partner = usePortalPartner();
  return (
    <Page title="My organisation" description="Your company as the vendor holds it. To change a detail, ask your channel manager.">
      {partner.isPending ? (
        <PageSkeleton />
      ) : partner.isError ? (
        <ErrorAlert error={partner.error} onRetry={() => void partner.refetch()} />
      ) : (
        <Stack>
          <Paper withBorder p="md">
            <LogoCard partner={partner.data} canUpload={user.role === "partner_admin"} />
          </Paper>
          <Paper withBorder p="md">
            <PartnerProfileView partner={partner.data} />
          </Paper>
          <Text size="xs" c="dimmed">
            {partner.data.staffCount} people from your organisation use Trellis.
          </Text>
        </Stack>
      )}
    </Page>
  );
}
