import { Input, Skeleton, Tabs, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ArticleBody } from "./ArticleBody";
import { usePreview } from "./knowledge.api";

interface MarkdownEditorProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** Markdown with a Preview tab rendered by the server, so the preview is exactly what partners will see. */
export function MarkdownEditor({ value, onChange, error }: MarkdownEditorProps) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [debounced] = useDebouncedValue(value, 250);
  const preview = usePreview(debounced, tab === "preview" && debounced.trim() !== "");
  const labelId = useId();
  return (
    <Input.Wrapper
      id={labelId}
      label="Article"
      description="Markdown: headings with #, lists with -, **bold**, `code`, [links](https://…). HTML is shown as text."
      error={error}
    >
      <Tabs value={tab} onChange={(next) => setTab(next === "preview" ? "preview" : "write")} mt={6} keepMounted={false}>
        <Tabs.List aria-label="Editor view">
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            // The wrapper's label points at this id; the description and error are announced with it.
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
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          {!value.trim() ? (
            <ArticleBody html="" emptyText="Nothing to preview yet: write the article first." />
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
