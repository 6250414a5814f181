import { Button, Fieldset, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type PartnerStatus, partnerStatuses, regions } from "@trellis/shared";
import type { ReactNode } from "react";
import type { Partner } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { humanize } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useTiers } from "../tiers/tiers.api";
import { useChannelManagerOptions } from "./channelManagers";
import type { PartnerInput } from "./partners.api";

const emptyPartner: PartnerInput = {
  name: "",
  legalName: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  postalCode: "",
  country: "",
  region: "",
  territory: "",
  website: "",
  phone: "",
  tierId: null,
  status: "prospect",
  channelManagerId: null,
};

/** The editable fields of a saved partner: exactly the keys of the empty form. */
export function partnerInputOf(partner: Partner | undefined): PartnerInput {
  if (!partner) return emptyPartner;
  const input = { ...emptyPartner };
  for (const key of Object.keys(emptyPartner) as (keyof PartnerInput & keyof Partner)[]) Object.assign(input, { [key]: partner[key] });
  return input;
}

/** Only the fields that differ from the saved partner. */
export function changedFields(before: PartnerInput, after: PartnerInput): Partial<PartnerInput> {
  const patch: Partial<PartnerInput> = {};
  for (const key of Object.keys(after) as (keyof PartnerInput)[]) {
    if (after[key] !== before[key]) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

const countryNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: "region" });
  } catch {
    return null;
  }
})();

export function countryName(code: string): string | undefined {
  if (!/^[A-Za-z]{2}$/.test(code)) return undefined;
  try {
    const name = countryNames?.of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The known regions, plus an older value that is not among them. */
export function regionOptions(current: string): string[] {
  const known: string[] = [...regions];
  return current && !known.includes(current) ? [...known, current] : known;
}

interface PartnerFormProps {
  partner?: Partner;
  readOnly?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Called with the whole input; the form shows `fields` errors the caller passes back through `setApiErrors`. */
  onSubmit: (input: PartnerInput, form: { setApiErrors: (error: unknown) => boolean }) => void;
  extraActions?: ReactNode;
}

export function PartnerForm({ partner, readOnly = false, submitLabel, pending, error, onSubmit, extraActions }: PartnerFormProps) {
  const form = useForm<PartnerInput>(partnerInputOf(partner));
  const tiers = useTiers();
  const managers = useChannelManagerOptions(partner ? [partner] : []);
  const tierOptions = (tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }));
  const statusOptions = partnerStatuses.map((status) => ({ value: status, label: humanize(status) }));

  const submit = form.onSubmit((values) => {
    const valid = form.validate({
      name: (v) => (String(v).trim() ? undefined : "Enter the partner's name"),
      legalName: (v) => (String(v).trim() ? undefined : "Enter the registered legal name"),
      country: (v) => (/^[A-Za-z]{2}$/.test(String(v).trim()) ? undefined : "Use the 2-letter code, such as DE or US"),
      region: (v) => (v ? undefined : "Choose a region"),
    });
    if (!valid) return;
    onSubmit({ ...values, country: values.country.trim().toUpperCase() }, form);
  });

  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={error} />
        <Fieldset legend="Company" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required {...form.text("name")} />
            <TextInput label="Legal name" required {...form.text("legalName")} />
            <TextInput label="Website" type="url" placeholder="https://" {...form.text("website")} />
            <TextInput label="Phone" type="tel" {...form.text("phone")} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Address" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Address line 1" {...form.text("addressLine1")} />
            <TextInput label="Address line 2" {...form.text("addressLine2")} />
            <TextInput label="City" {...form.text("city")} />
            <TextInput label="Postal code" {...form.text("postalCode")} />
            <TextInput
              label="Country"
              required
              maxLength={2}
              description={countryName(form.values.country) ?? "2-letter code, such as DE"}
              {...form.text("country")}
            />
            <Select
              label="Region"
              required
              searchable
              data={regionOptions(form.values.region)}
              value={form.values.region || null}
              onChange={(value) => form.setValue("region", value ?? "")}
              error={form.errors.region}
            />
            <TextInput label="Territory" description="Optional: the area this partner covers" {...form.text("territory")} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Programme" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Status"
              data={statusOptions}
              allowDeselect={false}
              value={form.values.status}
              onChange={(value) => form.setValue("status", (value ?? "prospect") as PartnerStatus)}
              error={form.errors.status}
            />
            <Select
              label="Tier"
              placeholder="No tier"
              clearable
              data={tierOptions}
              value={form.values.tierId}
              onChange={(value) => form.setValue("tierId", value)}
              error={form.errors.tierId}
            />
            <Select
              label="Channel manager"
              placeholder="Nobody yet"
              clearable
              searchable
              data={managers}
              value={form.values.channelManagerId}
              onChange={(value) => form.setValue("channelManagerId", value)}
              error={form.errors.channelManagerId}
            />
          </SimpleGrid>
        </Fieldset>
        {readOnly ? null : (
          <Group justify="flex-end">
            {extraActions}
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
