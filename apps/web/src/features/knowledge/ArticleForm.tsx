import { Button, Fieldset, Group, MultiSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { articleStatuses } from "@trellis/shared";
import type { ArticleDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useForm } from "../../lib/useForm";
import { AudienceField } from "../library/AudienceField";
import { useProductOptions } from "../library/library.api";
import { type ArticleFormValues, type ArticleSeed, formErrors, formKey, valuesOf } from "./article.form";
import { articleStatusLabels } from "./knowledge.labels";
import { MarkdownEditor } from "./MarkdownEditor";

type Form = ReturnType<typeof useForm<ArticleFormValues>>;

interface ArticleFormProps {
  /** null: a new article. */
  article: ArticleDetail | null;
  seed?: ArticleSeed;
  readOnly?: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: ArticleFormValues, form: Form) => void;
}

/** Shows the API's per-field messages on the matching inputs. */
export function showApiErrors(form: Form, error: unknown): boolean {
  if (!form.setApiErrors(error)) return false;
  form.setErrors((current) => Object.fromEntries(Object.entries(current).map(([key, message]) => [formKey(key), message])));
  return true;
}

const statusHints: Record<ArticleFormValues["status"], string> = {
  draft: "Only vendor users see a draft.",
  published: "Partners in the audience can find and read it, and it is suggested on their new tickets.",
  archived: "Hidden from partners and from the default list; its counts stay.",
};

export function ArticleForm({ article, seed, readOnly = false, pending, error, submitLabel, onSubmit }: ArticleFormProps) {
  const form = useForm<ArticleFormValues>(valuesOf(article, seed));
  const products = useProductOptions();
  const { values } = form;

  const submit = form.onSubmit((current) => {
    const found = formErrors(current);
    form.setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(current, form);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <Fieldset legend="The answer" disabled={readOnly}>
          <Stack gap="sm">
            <TextInput label="Title" description="The problem as a partner would describe it." required maxLength={200} {...form.text("title")} />
            <Textarea
              label="Summary"
              description="One or two sentences: shown in search results and in the suggestions on a new ticket."
              autosize
              minRows={2}
              maxLength={1000}
              {...form.text("summary")}
            />
            <MarkdownEditor {...form.field("bodyMarkdown")} />
          </Stack>
        </Fieldset>

        <Fieldset legend="Where it applies" disabled={readOnly}>
          <Stack gap="sm">
            <MultiSelect
              label="Products"
              description="Leave empty when it applies to any product."
              placeholder={values.productIds.length ? undefined : "Products this article is about"}
              searchable
              data={products.data ?? []}
              nothingFoundMessage="No product by that name"
              {...form.field("productIds")}
            />
            <AudienceField
              audience={values.audience}
              tierIds={values.tierIds}
              regions={values.regions}
              partnerIds={values.partnerIds}
              onChange={(change) => form.setValues((current) => ({ ...current, ...change }))}
              errors={form.errors}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Status" disabled={readOnly}>
          <Stack gap={6}>
            <SegmentedControl
              aria-label="Status"
              data={articleStatuses.map((value) => ({ value, label: articleStatusLabels[value] }))}
              value={values.status}
              onChange={(value) => form.setValue("status", value as ArticleFormValues["status"])}
              style={{ alignSelf: "flex-start" }}
            />
            <Text size="sm" c={form.errors.status ? "red" : "dimmed"}>
              {form.errors.status ?? statusHints[values.status]}
            </Text>
          </Stack>
        </Fieldset>

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
