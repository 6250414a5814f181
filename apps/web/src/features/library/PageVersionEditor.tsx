import { Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { AssetDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSavePage } from "./library.api";
import { MarkdownField } from "./MarkdownField";

/** Saving the page text makes a new version; the server renders it and the preview below shows the result. */
export function PageVersionEditor({ asset }: { asset: AssetDetail }) {
  const [body, setBody] = useState(asset.bodyMarkdown ?? "");
  const [note, setNote] = useState("");
  const [empty, setEmpty] = useState(false);
  const save = useSavePage(asset.id);
  const unchanged = body === (asset.bodyMarkdown ?? "");
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) {
            setEmpty(true);
            return;
          }
          save.mutate(
            { bodyMarkdown: body, note: note.trim() },
            {
              onSuccess: (saved) => {
                notifications.show({ color: "teal", message: `Version ${saved.currentVersion} of ${saved.title} was saved.` });
                setNote("");
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Edit the page
          </Title>
          <ErrorAlert error={save.error} />
          <MarkdownField
            value={body}
            onChange={(value) => {
              setBody(value);
              setEmpty(false);
            }}
            error={empty ? "Write the page text first" : undefined}
          />
          <TextInput
            label="Version note"
            description="Optional: what changed."
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={unchanged && asset.currentVersion > 0}>
              Save as new version
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
