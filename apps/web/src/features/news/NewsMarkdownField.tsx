import { Button, Group, Input, Skeleton, Tabs, Text, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ArticleBody } from "../knowledge/ArticleBody";
import { newsKey, useUploadNewsImage } from "./news.api";

interface NewsMarkdownFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** The saved post's text and its rendering: shown as the preview while the text is unchanged. */
  saved?: { markdown: string; html: string };
}

/** The preview, rendered by the server with the feed's own rules (which images and links are allowed). */
function usePostPreview(bodyMarkdown: string, enabled: boolean) {
  return useQuery({
    queryKey: [...newsKey, "preview", bodyMarkdown],
    queryFn: ({ signal }) => api<{ bodyHtml: string }>("/news/preview", { method: "POST", body: { bodyMarkdown }, signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Markdown with a server-rendered Preview tab; "Insert image" uploads a picture and puts `![](url)` at the cursor. */
export function NewsMarkdownField({ value, onChange, error, saved }: NewsMarkdownFieldProps) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [debounced] = useDebouncedValue(value, 250);
  const unchanged = saved !== undefined && saved.markdown === value;
  const preview = usePostPreview(debounced, tab === "preview" && debounced.trim() !== "" && !unchanged);
  // A server without the preview route still previews what was saved.
  const noPreviewRoute = preview.error instanceof ApiError && preview.error.status === 404;
  const upload = useUploadNewsImage();
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const labelId = useId();

  const insert = (text: string) => {
    const element = area.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    // An image on its own line renders as a block, not inline in a sentence.
    const prefix = before && !before.endsWith("\n") ? "\n" : "";
    onChange(`${before}${prefix}${text}\n${value.slice(end)}`);
    const caret = start + prefix.length + text.length + 1;
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  };

  return (
    <Input.Wrapper
      id={labelId}
      label="Post text"
      description="Markdown: headings with #, lists with -, **bold**, [links](https://…). HTML is shown as text; images only from “Insert image”."
      error={error}
    >
      <Tabs value={tab} onChange={(next) => setTab(next === "preview" ? "preview" : "write")} mt={6} keepMounted={false}>
        <Tabs.List aria-label="Editor view">
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            ref={area}
            id={labelId}
            aria-describedby={`${labelId}-description${error ? ` ${labelId}-error` : ""}`}
            autosize
            minRows={12}
            maxRows={32}
            maxLength={100_000}
            value={value}
            error={Boolean(error)}
            onChange={(event) => onChange(event.currentTarget.value)}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          />
          <Group gap="xs" mt={6}>
            <input
              ref={picker}
              type="file"
              hidden
              accept="image/png,image/jpeg,image/webp,image/gif"
              aria-label="Image to insert"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = "";
                if (!file) return;
                upload.mutate(file, {
                  onSuccess: (image) => insert(`![${file.name.replace(/\.[^.]+$/, "").replace(/[[\]]/g, "")}](${image.url})`),
                  onError: (failure) => notifications.show({ color: "red", title: "Image not uploaded", message: errorMessage(failure) }),
                });
              }}
            />
            <Button size="xs" variant="default" loading={upload.isPending} onClick={() => picker.current?.click()}>
              Insert image
            </Button>
            <Text size="xs" c="dimmed">
              PNG, JPEG, WebP or GIF.
            </Text>
          </Group>
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          {!value.trim() ? (
            <ArticleBody html="" emptyText="Nothing to preview yet: write the post first." />
          ) : unchanged ? (
            <ArticleBody html={saved.html} />
          ) : noPreviewRoute ? (
            <Text size="sm" c="dimmed" py="md">
              Save the post to see it as partners will: the preview then shows the saved version.
            </Text>
          ) : preview.isError ? (
            <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
          ) : preview.data ? (
            <ArticleBody html={preview.data.bodyHtml} />
          ) : (
            <Skeleton height={160} aria-label="Loading the preview" />
          )}
        </Tabs.Panel>
      </Tabs>
    </Input.Wrapper>
  );
}
