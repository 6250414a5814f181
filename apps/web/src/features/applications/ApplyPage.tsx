import {
  Alert,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { regions } from "@trellis/shared";
import { useState } from "react";
import { fieldErrors } from "../../api/client";
import type { ApplicationContact, ApplicationInput } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { toMinor } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { countryName } from "../partners/PartnerForm";
import { useSubmitApplication } from "./applications.api";

const sellSuggestions = [
  "IP cameras",
  "Network video recorders",
  "Video management software",
  "Video analytics",
  "Thermal cameras",
  "Access control",
  "Intercoms",
];
const installSuggestions = [
  "Retail",
  "Education",
  "Healthcare",
  "Logistics and warehouses",
  "City surveillance",
  "Critical infrastructure",
  "Offices",
  "Residential",
];

interface ApplyForm {
  companyName: string;
  legalName: string;
  website: string;
  country: string;
  region: string;
  city: string;
  principalName: string;
  principalEmail: string;
  principalPhone: string;
  regions: string[];
  sells: string[];
  installs: string[];
  volume: number | string;
  message: string;
}

const initial: ApplyForm = {
  companyName: "",
  legalName: "",
  website: "",
  country: "",
  region: "",
  city: "",
  principalName: "",
  principalEmail: "",
  principalPhone: "",
  regions: [],
  sells: [],
  installs: [],
  volume: "",
  message: "",
};

/** The API's nested paths ("principal.email", "expectedAnnualVolume.amountMinor") onto the flat form. */
function toFormKey(path: string): string {
  if (path.startsWith("principal.")) return `principal${path.charAt(10).toUpperCase()}${path.slice(11)}`;
  if (path.startsWith("expectedAnnualVolume")) return "volume";
  return path.split(".")[0] ?? path;
}

const fieldsetPadding = { base: "xs", sm: "md" };

const emptyContact: ApplicationContact = { name: "", email: "", phone: "", role: "" };

function ThankYou({ company }: { company: string }) {
  return (
    <Page title="Thank you for applying">
      <Alert color="teal" title="Application received" role="status">
        We have {company}&apos;s application. The channel team reviews every application and answers by email, usually within a few working days.
      </Alert>
      <Text size="sm" c="dimmed">
        We keep our partner programme small on purpose, so that every partner gets real support. If we cannot take you on now, we will say so and why.
      </Text>
    </Page>
  );
}

export function ApplyPage() {
  const form = useForm<ApplyForm>(initial);
  const [contacts, setContacts] = useState<ApplicationContact[]>([]);
  const [contactErrors, setContactErrors] = useState<Record<string, string>>({});
  const submit = useSubmitApplication();

  if (submit.isSuccess) return <ThankYou company={form.values.companyName.trim()} />;

  const onSubmit = form.onSubmit((values) => {
    const required = (label: string) => (value: unknown) => (String(value ?? "").trim() ? undefined : `Enter ${label}`);
    const valid = form.validate({
      companyName: required("your company name"),
      legalName: required("the registered legal name"),
      country: (v) => (/^[A-Za-z]{2}$/.test(String(v).trim()) ? undefined : "Use the 2-letter code, such as DE or US"),
      region: (v) => (v ? undefined : "Choose your region"),
      principalName: required("a contact name"),
      principalEmail: (v) => (/^\S+@\S+\.\S+$/.test(String(v).trim()) ? undefined : "Enter a valid email address"),
      regions: (v) => (Array.isArray(v) && v.length > 0 ? undefined : "Choose at least one region you serve"),
      volume: (v) => (v === "" || Number(v) >= 0 ? undefined : "Enter an amount of zero or more"),
    });
    if (!valid) return;
    const input: ApplicationInput = {
      companyName: values.companyName.trim(),
      legalName: values.legalName.trim(),
      website: values.website.trim(),
      country: values.country.trim().toUpperCase(),
      region: values.region,
      city: values.city.trim(),
      principal: { name: values.principalName.trim(), email: values.principalEmail.trim(), phone: values.principalPhone.trim() },
      contacts: contacts
        .filter((c) => c.name.trim() || c.email.trim())
        .map((c) => ({ name: c.name.trim(), email: c.email.trim(), phone: c.phone.trim(), role: (c.role ?? "").trim() })),
      regions: values.regions,
      sells: values.sells,
      installs: values.installs,
      expectedAnnualVolume: { amountMinor: toMinor(values.volume === "" ? 0 : values.volume), currency: "USD" },
      message: values.message.trim(),
    };
    submit.mutate(input, {
      onError: (error) => {
        const byForm: Record<string, string> = {};
        const byContact: Record<string, string> = {};
        for (const [path, message] of Object.entries(fieldErrors(error))) {
          if (path.startsWith("contacts.")) byContact[path.slice(9)] = message;
          else byForm[toFormKey(path)] ??= message;
        }
        form.setErrors(byForm);
        setContactErrors(byContact);
      },
    });
  });

  const setContact = (index: number, field: keyof ApplicationContact, value: string) =>
    setContacts((current) => current.map((c, i) => (i === index ? { ...c, [field]: value } : c)));

  return (
    <Page
      title="Apply to become a partner"
      description="Resellers and installers of video-surveillance systems: tell us about your business. We keep the programme small so every partner gets real support."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Fieldset legend="Your company" p={fieldsetPadding}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Company name" required autoComplete="organization" {...form.text("companyName")} />
              <TextInput label="Legal name" required placeholder="As registered" {...form.text("legalName")} />
              <TextInput label="Website" type="url" placeholder="https://" autoComplete="url" {...form.text("website")} />
              <TextInput
                label="Country"
                required
                maxLength={2}
                autoComplete="country"
                description={countryName(form.values.country) ?? "2-letter code, such as DE or US"}
                {...form.text("country")}
              />
              <Select
                label="Region"
                required
                data={[...regions]}
                value={form.values.region || null}
                onChange={(value) => form.setValue("region", value ?? "")}
                error={form.errors.region}
              />
              <TextInput label="City" autoComplete="address-level2" {...form.text("city")} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend="Principal contact" p={fieldsetPadding}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="Contact name" required autoComplete="name" {...form.text("principalName")} />
              <TextInput label="Contact email" type="email" required autoComplete="email" {...form.text("principalEmail")} />
              <TextInput label="Contact phone" type="tel" autoComplete="tel" {...form.text("principalPhone")} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend="Other contacts (optional)" p={fieldsetPadding}>
            <Stack gap="xs">
              {contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Sales or technical leads we should also know.
                </Text>
              ) : null}
              {contacts.map((contact, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are only added or removed at a known position and carry no id
                <Fieldset key={index} legend={`Additional contact ${index + 1}`} p={fieldsetPadding}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={`Additional contact ${index + 1} name`}
                      value={contact.name}
                      error={contactErrors[`${index}.name`]}
                      onChange={(event) => setContact(index, "name", event.currentTarget.value)}
                    />
                    <TextInput
                      label={`Additional contact ${index + 1} email`}
                      type="email"
                      value={contact.email}
                      error={contactErrors[`${index}.email`]}
                      onChange={(event) => setContact(index, "email", event.currentTarget.value)}
                    />
                    <TextInput
                      label={`Additional contact ${index + 1} phone`}
                      type="tel"
                      value={contact.phone}
                      error={contactErrors[`${index}.phone`]}
                      onChange={(event) => setContact(index, "phone", event.currentTarget.value)}
                    />
                    <TextInput
                      label={`Additional contact ${index + 1} job title`}
                      placeholder="Sales lead, technical lead…"
                      value={contact.role ?? ""}
                      error={contactErrors[`${index}.role`]}
                      onChange={(event) => setContact(index, "role", event.currentTarget.value)}
                    />
                  </SimpleGrid>
                  <Group justify="flex-end" mt="xs">
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      onClick={() => setContacts((current) => current.filter((_, i) => i !== index))}
                    >
                      Remove contact {index + 1}
                    </Button>
                  </Group>
                </Fieldset>
              ))}
              {contacts.length < 10 ? (
                <Group>
                  <Button variant="default" size="xs" onClick={() => setContacts((current) => [...current, { ...emptyContact }])}>
                    Add a contact
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Fieldset>

          <Fieldset legend="Your business" p={fieldsetPadding}>
            <Stack>
              <MultiSelect
                label="Markets served"
                description="The regions where you sell and install"
                required
                data={[...regions]}
                value={form.values.regions}
                onChange={(value) => form.setValue("regions", value)}
                error={form.errors.regions}
                searchable
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TagsInput
                  label="What you sell"
                  description="Pick or type, then press Enter"
                  data={sellSuggestions}
                  value={form.values.sells}
                  onChange={(value) => form.setValue("sells", value)}
                  error={form.errors.sells}
                  maxTags={30}
                />
                <TagsInput
                  label="What you install"
                  description="The kinds of sites you equip"
                  data={installSuggestions}
                  value={form.values.installs}
                  onChange={(value) => form.setValue("installs", value)}
                  error={form.errors.installs}
                  maxTags={30}
                />
              </SimpleGrid>
              <NumberInput
                label="Expected annual volume (USD)"
                description="What you expect to buy from us in a year"
                min={0}
                step={1000}
                thousandSeparator=","
                prefix="$"
                allowNegative={false}
                decimalScale={2}
                value={form.values.volume}
                onChange={(value) => form.setValue("volume", value)}
                error={form.errors.volume}
              />
              <Textarea
                label="Message"
                description="Anything else we should know: key customers, certifications, why us"
                autosize
                minRows={3}
                maxRows={10}
                {...form.text("message")}
              />
            </Stack>
          </Fieldset>

          {submit.isError ? <ErrorAlert error={submit.error} title="The application was not sent" /> : null}
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={submit.isPending}>
              Submit application
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
