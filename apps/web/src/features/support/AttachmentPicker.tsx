import { ActionIcon, Group, Input, Progress, Stack, Text } from "@mantine/core";
import { useCallback, useId, useRef, useState } from "react";
import { errorMessage } from "../../api/client";
import { attachmentAccept, formatBytes } from "./support.format";
import { uploadAttachment } from "./tickets.api";

export type UploadState = "waiting" | "uploading" | "done" | "failed";

export interface QueuedFile {
  key: string;
  file: File;
  state: UploadState;
  progress: number;
  error: string | null;
}

let nextKey = 0;

/**
 * Files chosen before the ticket or reply exists, uploaded one after another once it does. A file
 * that fails keeps its reason and can be sent again; the ticket or reply itself is already saved.
 */
export function useUploadQueue() {
  const [files, setFiles] = useState<QueuedFile[]>([]);
  const [running, setRunning] = useState(false);

  const update = useCallback((key: string, change: Partial<QueuedFile>) => {
    setFiles((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const add = useCallback((chosen: File[]) => {
    nextKey += 1;
    const base = nextKey;
    setFiles((current) => [
      ...current,
      ...chosen.map((file, index) => ({ key: `${base}-${index}`, file, state: "waiting" as const, progress: 0, error: null })),
    ]);
  }, []);

  const remove = useCallback((key: string) => setFiles((current) => current.filter((item) => item.key !== key)), []);
  const clear = useCallback(() => setFiles([]), []);

  /** Uploads every file not yet done; answers how many failed. */
  const upload = async (ticketId: string, options: { replyId?: string; internal?: boolean } = {}): Promise<number> => {
    setRunning(true);
    let failed = 0;
    try {
      for (const item of files) {
        if (item.state === "done") continue;
        update(item.key, { state: "uploading", progress: 0, error: null });
        try {
          await uploadAttachment(ticketId, {
            file: item.file,
            replyId: options.replyId,
            internal: options.internal,
            onProgress: (fraction) => update(item.key, { progress: fraction }),
          });
          update(item.key, { state: "done", progress: 1 });
        } catch (error) {
          failed += 1;
          update(item.key, { state: "failed", error: errorMessage(error) });
        }
      }
    } finally {
      setRunning(false);
    }
    return failed;
  };

  return { files, add, remove, clear, upload, running };
}

interface AttachmentPickerProps {
  queue: ReturnType<typeof useUploadQueue>;
  label?: string;
  description?: string;
}

/** A labelled multiple-file input plus the chosen files, each with its progress or its error. */
export function AttachmentPicker({ queue, label = "Attachments", description }: AttachmentPickerProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const locked = queue.running;
  return (
    <Input.Wrapper
      label={label}
      id={id}
      description={description ?? "Logs (text), zip or gzip archives, screenshots, PDFs and short videos. You can pick several."}
    >
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={attachmentAccept}
        disabled={locked}
        onChange={(event) => {
          const chosen = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = "";
          if (chosen.length) queue.add(chosen);
        }}
        style={{ display: "block", marginTop: 4, fontSize: "var(--mantine-font-size-sm)", maxWidth: "100%" }}
      />
      {queue.files.length ? <QueuedFiles queue={queue} /> : null}
    </Input.Wrapper>
  );
}

export function QueuedFiles({ queue }: { queue: ReturnType<typeof useUploadQueue> }) {
  return (
    <Stack gap={6} mt="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Chosen files">
      {queue.files.map((item) => (
        <li key={item.key}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
              {item.file.name}{" "}
              <Text span size="xs" c="dimmed">
                {formatBytes(item.file.size)}
                {item.state === "done" ? " · attached" : item.state === "uploading" ? ` · ${Math.round(item.progress * 100)}%` : ""}
              </Text>
            </Text>
            {item.state === "waiting" || item.state === "failed" ? (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove ${item.file.name}`}
                disabled={queue.running}
                onClick={() => queue.remove(item.key)}
              >
                ×
              </ActionIcon>
            ) : null}
          </Group>
          {item.state === "uploading" || item.state === "done" ? (
            <Progress
              value={item.progress * 100}
              size="sm"
              color={item.state === "done" ? "teal" : "blue"}
              aria-label={`Upload of ${item.file.name}`}
            />
          ) : null}
          {item.state === "failed" ? (
            <Text size="xs" c="red" role="alert">
              Not attached: {item.error}
            </Text>
          ) : null}
        </li>
      ))}
    </Stack>
  );
}
