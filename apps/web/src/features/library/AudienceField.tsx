import { Group, MultiSelect, Radio, Stack } from "@mantine/core";
import { type AssetAudience, assetAudiences, regions } from "@trellis/shared";
import { useTiers } from "../tiers/tiers.api";
import { audienceLabels } from "./library.labels";
import { PartnerPicker } from "./PartnerPicker";

interface AudienceFieldProps {
  audience: AssetAudience;
  tierIds: string[];
  regions: string[];
  partnerIds: string[];
  onChange: (change: Partial<{ audience: AssetAudience; tierIds: string[]; regions: string[]; partnerIds: string[] }>) => void;
  errors: Record<string, string | undefined>;
}

/** Who among the partners sees the asset once published; vendor users always see it. */
export function AudienceField({ audience, tierIds, regions: chosenRegions, partnerIds, onChange, errors }: AudienceFieldProps) {
  const tiers = useTiers();
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Who sees it"
        description="Vendor users always see every asset; this decides which partners do once it is published."
        value={audience}
        onChange={(value) => onChange({ audience: value as AssetAudience })}
        error={errors.audience}
      >
        <Group gap="md" mt={6}>
          {assetAudiences.map((value) => (
            <Radio key={value} value={value} label={audienceLabels[value]} />
          ))}
        </Group>
      </Radio.Group>
      {audience === "tiers" ? (
        <MultiSelect
          label="Tiers"
          placeholder={tierIds.length ? undefined : "Choose tiers"}
          data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
          value={tierIds}
          onChange={(value) => onChange({ tierIds: value })}
          error={errors.tierIds ?? (tiers.isError ? "Could not load the tiers" : undefined)}
          nothingFoundMessage="No tiers: create them under Tiers"
        />
      ) : null}
      {audience === "regions" ? (
        <MultiSelect
          label="Regions"
          placeholder={chosenRegions.length ? undefined : "Choose regions"}
          data={[...regions]}
          value={chosenRegions}
          onChange={(value) => onChange({ regions: value })}
          error={errors.regions}
        />
      ) : null}
      {audience === "partners" ? (
        <PartnerPicker value={partnerIds} onChange={(value) => onChange({ partnerIds: value })} error={errors.partnerIds} />
      ) : null}
    </Stack>
  );
}
