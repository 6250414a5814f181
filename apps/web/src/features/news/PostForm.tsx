import { Button, Fieldset, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput } from "@mantine/core";
import type { NewsCategory, NewsPostStatus } from "@trellis/shared";
import type { ReactNode } from "react";
import type { PostDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useForm } from "../../lib/useForm";
import { useProductOptions } from "../library/library.api";
import { AssetPicker } from "./AssetPicker";
import { browserTimeZone } from "./DigestSettings";
import { NewsMarkdownField } from "./NewsMarkdownField";
import { categoryOptions } from "./news.labels";
import { PostAudienceField } from "./PostAudienceField";
import { formErrors, formKey, type PostFormValues, valuesOf } from "./post.form";

export type PostForm = ReturnType<typeof useForm<PostFormValues>>;

interface PostFormProps {
  /** null: a new post. */
  post: PostDetail | null;
  pending: boolean;
  error: unknown;
  /** Shown under the links: attachments, which need the post to exist. */
  attachments?: ReactNode;
  onSubmit: (values: PostFormValues, status: NewsPostStatus, form: PostForm) => void;
}

/** Shows the API's per-field messages on the matching inputs. */
export function showApiErrors(form: PostForm, error: unknown): boolean {
  if (!form.setApiErrors(error)) return false;
  form.setErrors((current) => Object.fromEntries(Object.entries(current).map(([key, message]) => [formKey(key), message])));
  return true;
}

export function PostForm({ post, pending, error, attachments, onSubmit }: PostFormProps) {
  const form = useForm<PostFormValues>(valuesOf(post));
  const products = useProductOptions();
  const { values } = form;
  const zone = browserTimeZone();
  const live = post?.state === "published" || post?.state === "expired";
  const scheduled = post?.state === "scheduled";

  const submit = (status: NewsPostStatus) => {
    const found = formErrors(values, status === "published");
    form.setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(values, status, form);
  };

  const publishLabel = values.when === "schedule" ? "Schedule" : "Publish now";

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(post?.status ?? "draft");
      }}
    >
      <Stack>
        <ErrorAlert error={error} />
        <Fieldset legend="The post">
          <Stack gap="sm">
            <TextInput label="Title" required maxLength={200} {...form.text("title")} />
            <Select
              label="Category"
              required
              allowDeselect={false}
              data={categoryOptions}
              value={values.category}
              onChange={(value) => form.setValue("category", value as NewsCategory | null)}
              error={form.errors.category}
              maw={320}
            />
            <NewsMarkdownField
              {...form.field("bodyMarkdown")}
              saved={post?.bodyMarkdown != null ? { markdown: post.bodyMarkdown, html: post.bodyHtml } : undefined}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Who reads it">
          <PostAudienceField
            tierIds={values.tierIds}
            regions={values.regions}
            partnerIds={values.partnerIds}
            roles={values.roles}
            onChange={(change) => form.setValues((current) => ({ ...current, ...change }))}
            errors={form.errors}
          />
        </Fieldset>

        <Fieldset legend="When">
          <Stack gap="sm">
            <Radio.Group
              label="Goes out"
              value={values.when}
              onChange={(value) => form.setValue("when", value === "schedule" ? "schedule" : "now")}
              description={live ? "Already published: changing the time moves it in the feed." : undefined}
            >
              <Group gap="md" mt={6}>
                <Radio value="now" label={live ? "As published" : "When I publish it"} />
                <Radio value="schedule" label="At a time I choose" />
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {values.when === "schedule" ? (
                <TextInput
                  type="datetime-local"
                  label="Publish at"
                  description={`Your time (${zone}). Partners see it from then on.`}
                  {...form.text("publishAt")}
                />
              ) : null}
              <TextInput
                type="datetime-local"
                label="Expires at"
                description={`Optional. After it the post leaves partners' feeds. Your time (${zone}).`}
                {...form.text("expiresAt")}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend="Options">
          <Stack gap="sm">
            <Switch
              label="Pin to the top of the feed"
              checked={values.pinned}
              onChange={(event) => form.setValue("pinned", event.currentTarget.checked)}
            />
            <Switch
              label="Must read"
              description="Partners confirm with “I have read this”; until they do, a banner in the portal lists it."
              checked={values.mustRead}
              onChange={(event) => form.setValue("mustRead", event.currentTarget.checked)}
            />
            <Switch
              label="Partners may ask questions"
              description="Questions and your answers appear under the post; partners can also ask privately."
              checked={values.commentsEnabled}
              onChange={(event) => form.setValue("commentsEnabled", event.currentTarget.checked)}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Links and files">
          <Stack gap="sm">
            <MultiSelect
              label="Products"
              description="Products the post is about."
              placeholder={values.productIds.length ? undefined : "Choose products"}
              searchable
              data={products.data ?? []}
              nothingFoundMessage="No product by that name"
              {...form.field("productIds")}
            />
            <AssetPicker value={values.assetIds} onChange={(ids) => form.setValue("assetIds", ids)} known={post?.assets ?? []} />
            {attachments}
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="xs">
          {!post || post.status === "draft" ? (
            <>
              <Button type="submit" variant="default" loading={pending}>
                Save draft
              </Button>
              <Button type="button" onClick={() => submit("published")} loading={pending}>
                {publishLabel}
              </Button>
            </>
          ) : (
            <Button type="submit" loading={pending}>
              {scheduled && values.when === "now" ? "Save and publish now" : "Save changes"}
            </Button>
          )}
        </Group>
        {post?.status === "archived" ? (
          <Text size="sm" c="dimmed" ta="right">
            Archived: partners do not see it. Restore it as a draft to publish it again.
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}
