import { Button, Fieldset, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from "@mantine/core";
import type { AssetFormat, AssetType } from "@trellis/shared";
import type { AssetDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useForm } from "../../lib/useForm";
import { AudienceField } from "./AudienceField";
import { type AssetFormValues, boxError, formKey, tagError, valuesOf } from "./asset.form";
import { CobrandBoxField } from "./CobrandBoxField";
import { cobrandedUrl, useProductOptions } from "./library.api";
import { languageOptions, marketOptions, typeOptions } from "./library.labels";
import { MarkdownField } from "./MarkdownField";
import { OwnerField } from "./OwnerField";

type Form = ReturnType<typeof useForm<AssetFormValues>>;

interface AssetFormProps {
  /** null: a new asset (format and first page text can be chosen). */
  asset: AssetDetail | null;
  readOnly?: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: AssetFormValues, form: Form) => void;
}

/** Shows the API's per-field messages on the matching inputs. */
export function showApiErrors(form: Form, error: unknown): boolean {
  if (!form.setApiErrors(error)) return false;
  form.setErrors((current) => Object.fromEntries(Object.entries(current).map(([key, message]) => [formKey(key), message])));
  return true;
}

export function AssetForm({ asset, readOnly = false, pending, error, submitLabel, onSubmit }: AssetFormProps) {
  const form = useForm<AssetFormValues>(valuesOf(asset));
  const products = useProductOptions();
  const { values } = form;
  const creating = asset === null;

  const submit = form.onSubmit((current) => {
    const valid = form.validate({
      title: (v) => (String(v).trim() ? undefined : "Enter a title"),
      type: (v) => (v ? undefined : "Choose what kind of asset this is"),
      tags: () => tagError(current.tags),
      cobrandBox: () => (current.coBrandable && current.format === "file" ? boxError(current.cobrandBox) : undefined),
      tierIds: () => (current.audience === "tiers" && current.tierIds.length === 0 ? "Choose at least one tier" : undefined),
      regions: () => (current.audience === "regions" && current.regions.length === 0 ? "Choose at least one region" : undefined),
      partnerIds: () => (current.audience === "partners" && current.partnerIds.length === 0 ? "Choose at least one partner" : undefined),
    });
    if (valid) onSubmit(current, form);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <Fieldset legend="What it is" disabled={readOnly}>
          <Stack gap="sm">
            <TextInput label="Title" required maxLength={200} {...form.text("title")} />
            <Textarea
              label="Summary"
              description="One or two sentences a rep reads before opening it."
              autosize
              minRows={2}
              maxLength={2000}
              {...form.text("summary")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label="Type"
                placeholder="Choose a type"
                required
                searchable
                data={typeOptions}
                value={values.type}
                onChange={(value) => form.setValue("type", value as AssetType | null)}
                error={form.errors.type}
              />
              <Select
                label="Language"
                searchable
                allowDeselect={false}
                data={languageOptions(values.language)}
                value={values.language}
                onChange={(value) => form.setValue("language", value ?? "en")}
                error={form.errors.language}
              />
            </SimpleGrid>
            {creating ? (
              <Radio.Group
                label="Format"
                description="Cannot be changed later."
                value={values.format}
                onChange={(value) => form.setValue("format", value as AssetFormat)}
                error={form.errors.format}
              >
                <Group gap="md" mt={6}>
                  <Radio value="file" label="A file (PDF, video, image, document)" />
                  <Radio value="page" label="A page written here (scripts, FAQs)" />
                </Group>
              </Radio.Group>
            ) : null}
            {creating && values.format === "page" ? <MarkdownField {...form.field("bodyMarkdown")} /> : null}
          </Stack>
        </Fieldset>

        <Fieldset legend="Where it fits" disabled={readOnly}>
          <Stack gap="sm">
            <MultiSelect
              label="Products"
              placeholder={values.productIds.length ? undefined : "Products this helps sell"}
              searchable
              data={products.data ?? []}
              nothingFoundMessage="No product by that name"
              {...form.field("productIds")}
            />
            <MultiSelect
              label="Markets"
              placeholder={values.markets.length ? undefined : "Markets it speaks to"}
              searchable
              data={marketOptions}
              {...form.field("markets")}
            />
            <TagsInput
              label="Tags"
              description="Words reps search for; press Enter after each."
              maxTags={30}
              splitChars={[","]}
              value={values.tags}
              onChange={(tags) =>
                form.setValue(
                  "tags",
                  tags.map((tag) => tag.trim().toLowerCase()),
                )
              }
              error={form.errors.tags}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Audience and upkeep" disabled={readOnly}>
          <Stack gap="sm">
            <AudienceField
              audience={values.audience}
              tierIds={values.tierIds}
              regions={values.regions}
              partnerIds={values.partnerIds}
              onChange={(change) => form.setValues((current) => ({ ...current, ...change }))}
              errors={form.errors}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <OwnerField
                value={values.ownerId}
                ownerName={asset?.ownerName ?? null}
                onChange={(id) => form.setValue("ownerId", id)}
                error={form.errors.ownerId}
              />
              <TextInput
                type="date"
                label="Review by"
                description="After this date the asset is marked as needing review."
                {...form.text("reviewBy")}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        {values.format === "file" ? (
          <Fieldset legend="Co-branding" disabled={readOnly}>
            <Stack gap="sm">
              <Switch
                label="Co-brandable: partners can download this PDF with their logo"
                checked={values.coBrandable}
                onChange={(event) => form.setValue("coBrandable", event.currentTarget.checked)}
                error={form.errors.coBrandable}
              />
              {values.coBrandable ? (
                <CobrandBoxField
                  {...form.field("cobrandBox")}
                  previewUrl={asset?.coBrandable && asset.contentType === "application/pdf" ? cobrandedUrl(asset.id) : undefined}
                />
              ) : null}
            </Stack>
          </Fieldset>
        ) : null}

        {readOnly ? null : (
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
