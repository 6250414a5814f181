import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { roleHas } from "@trellis/shared";
import { Link } from "react-router";
import { useUser } from "../../auth/session";
import { PartnerStatusBadge } from "../../components/Badges";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { LatestSalesTools } from "../library/LatestSalesTools";
import { PartnerLogo } from "../partners/LogoCard";
import { usePortalPartner } from "./usePortalPartner";

export function PortalHomePage() {
  const user = useUser();
  const partner = usePortalPartner();
  const links = [
    {
      to: "/portal/library",
      label: "Sales tools",
      text: "Brochures, data sheets, scripts and videos, some with your logo on them.",
      show: roleHas(user.role, "library:read"),
    },
    { to: "/portal/products", label: "Products", text: "The catalogue you can sell, with list prices.", show: roleHas(user.role, "products:read") },
    {
      to: "/portal/staff",
      label: "Staff",
      text: roleHas(user.role, "staff:manage") ? "Invite your team and manage who can sign in." : "Who in your company uses Trellis.",
      show: roleHas(user.role, "staff:read"),
    },
    { to: "/portal/organisation", label: "My organisation", text: "Your company profile as we hold it.", show: true },
    { to: "/portal/activity", label: "Activity", text: "Changes to your organisation and staff.", show: roleHas(user.role, "audit:read") },
    { to: "/account", label: "Account", text: "Your sessions, and signing out everywhere.", show: true },
  ].filter((link) => link.show);

  return (
    <Page title="Home" description={`Welcome, ${user.name.split(" ")[0] ?? user.name}.`}>
      {partner.isPending ? (
        <PageSkeleton />
      ) : partner.isError ? (
        <ErrorAlert error={partner.error} onRetry={() => void partner.refetch()} />
      ) : (
        <Card withBorder padding="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <PartnerLogo partner={partner.data} />
            <Stack gap={6} style={{ minWidth: 0 }}>
              <Title order={2} size="h3">
                {partner.data.name}
              </Title>
              <Group gap="xs">
                <PartnerStatusBadge status={partner.data.status} />
                <Text size="sm">{partner.data.tierName ? `${partner.data.tierName} tier` : "No tier yet"}</Text>
              </Group>
              <Text size="sm">
                Your channel manager: <strong>{partner.data.channelManagerName ?? "not assigned yet"}</strong>
              </Text>
            </Stack>
          </Group>
        </Card>
      )}
      {roleHas(user.role, "library:read") ? <LatestSalesTools /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {links.map((link) => (
          <Card key={link.to} withBorder padding="md">
            <Anchor component={Link} to={link.to} fw={700}>
              {link.label}
            </Anchor>
            <Text size="sm" c="dimmed" mt={4}>
              {link.text}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
