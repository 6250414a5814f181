import { Checkbox, Group, MultiSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import { type PartnerRole, partnerRoles, regions } from "@trellis/shared";
import { PartnerPicker } from "../library/PartnerPicker";
import { useTiers } from "../tiers/tiers.api";
import { describeAudience, partnerRoleLabels } from "./news.labels";

export interface AudienceValues {
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  roles: PartnerRole[];
}

interface PostAudienceFieldProps extends AudienceValues {
  onChange: (change: Partial<AudienceValues>) => void;
  errors: Record<string, string | undefined>;
}

/**
 * Who reads the post. Within a dimension the choices are alternatives, across dimensions they
 * narrow ("Gold or Platinum, in EMEA, sales reps only"); named partners are always included.
 */
export function PostAudienceField({ tierIds, regions: chosenRegions, partnerIds, roles, onChange, errors }: PostAudienceFieldProps) {
  const tiers = useTiers();
  const tierName = (id: string) => tiers.data?.find((tier) => tier.id === id)?.name ?? "…";
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Leave everything empty to reach every partner. Choices in one box are alternatives; boxes together narrow the audience. Named partners always
        get the post, whatever their tier or region. Vendor users always see every post.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelect
          label="Tiers"
          placeholder={tierIds.length ? undefined : "Any tier"}
          data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
          value={tierIds}
          onChange={(value) => onChange({ tierIds: value })}
          error={errors.tierIds ?? (tiers.isError ? "Could not load the tiers" : undefined)}
          nothingFoundMessage="No tiers: create them under Tiers"
        />
        <MultiSelect
          label="Regions"
          placeholder={chosenRegions.length ? undefined : "Any region"}
          data={[...regions]}
          value={chosenRegions}
          onChange={(value) => onChange({ regions: value })}
          error={errors.regions}
        />
      </SimpleGrid>
      <PartnerPicker value={partnerIds} onChange={(value) => onChange({ partnerIds: value })} error={errors.partnerIds} />
      <Checkbox.Group
        label="Partner roles"
        description="None ticked: every role."
        value={roles}
        onChange={(value) => onChange({ roles: value as PartnerRole[] })}
        error={errors.roles}
      >
        <Group gap="md" mt={6}>
          {partnerRoles.map((role) => (
            <Checkbox key={role} value={role} label={partnerRoleLabels[role]} />
          ))}
        </Group>
      </Checkbox.Group>
      <Text size="sm" fw={500} role="status">
        Reaches: {describeAudience({ tierIds, regions: chosenRegions, partnerIds, roles }, tierName)}
      </Text>
    </Stack>
  );
}
