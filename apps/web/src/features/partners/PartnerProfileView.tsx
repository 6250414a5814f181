import { Anchor, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { Partner } from "../../api/types";
import { PartnerStatusBadge } from "../../components/Badges";
import { countryName } from "./PartnerForm";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: "break-word" }}>
        {children || "—"}
      </Text>
    </div>
  );
}

/** A partner's profile as text, for readers who cannot edit it. */
export function PartnerProfileView({ partner }: { partner: Partner }) {
  const address = [partner.addressLine1, partner.addressLine2, [partner.postalCode, partner.city].filter(Boolean).join(" ")].filter(Boolean);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
      <Fact label="Name">{partner.name}</Fact>
      <Fact label="Legal name">{partner.legalName}</Fact>
      <Fact label="Status">
        <PartnerStatusBadge status={partner.status} />
      </Fact>
      <Fact label="Tier">{partner.tierName}</Fact>
      <Fact label="Channel manager">{partner.channelManagerName}</Fact>
      <Fact label="Website">
        {partner.website ? (
          <Anchor href={partner.website} target="_blank" rel="noopener noreferrer">
            {partner.website}
          </Anchor>
        ) : null}
      </Fact>
      <Fact label="Phone">{partner.phone}</Fact>
      <Fact label="Address">
        {address.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </Fact>
      <Fact label="Country">{countryName(partner.country) ?? partner.country}</Fact>
      <Fact label="Region">{partner.region}</Fact>
      <Fact label="Territory">{partner.territory}</Fact>
    </SimpleGrid>
  );
}
