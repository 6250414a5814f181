import { Alert, Button, Group, Input, Paper, Progress, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/client";
import type { AssetDetail } from "../../api/types";
import { useUploadFile } from "./library.api";
import { formatSize } from "./library.labels";

const accept = ".pdf,.mp4,.webm,.mov,.png,.jpg,.jpeg,.webp,.gif,.pptx,.docx,.xlsx,.odt,.ods,.odp,.doc,application/pdf,video/*,image/*";

function UploadError({ error }: { error: unknown }) {
  if (!error || (error instanceof DOMException && error.name === "AbortError")) return null;
  const title =
    error instanceof ApiError
      ? error.status === 413
        ? "The file is too large"
        : error.status === 415
          ? "This kind of file is not accepted"
          : error.problem.title
      : "Upload failed";
  return (
    <Alert color="red" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

/** A new file version: the old ones stay in the history, partners get the new one marked "Updated". */
export function FileVersionUpload({ asset }: { asset: AssetDetail }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const [progress, setProgress] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useUploadFile(asset.id);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    upload.mutate(
      { file, note, onProgress: setProgress, signal: controller.signal },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: `Version ${saved.currentVersion} of ${saved.title} was uploaded.` });
          setFile(null);
          setNote("");
          if (fileInput.current) fileInput.current.value = "";
        },
        onSettled: () => {
          abort.current = null;
        },
      },
    );
  };

  const percent = Math.round(progress * 100);
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {asset.currentVersion === 0 ? "Upload the file" : "Upload a new version"}
          </Title>
          <Input.Wrapper
            label="File to upload"
            id={inputId}
            description="PDF, video (up to 2 GB), image or office document. Co-branding works on PDFs."
            error={missing ? "Choose a file" : undefined}
          >
            <input
              ref={fileInput}
              id={inputId}
              type="file"
              accept={accept}
              disabled={upload.isPending}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setMissing(false);
                upload.reset();
              }}
              style={{ display: "block", marginTop: 4, fontSize: "var(--mantine-font-size-sm)", maxWidth: "100%" }}
            />
          </Input.Wrapper>
          {file ? (
            <Text size="xs" c="dimmed">
              {file.name} · {formatSize(file.size)}
            </Text>
          ) : null}
          <TextInput
            label="Version note"
            description="Optional: what changed, e.g. “2025 prices”."
            maxLength={500}
            value={note}
            disabled={upload.isPending}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {upload.isPending ? (
            <Stack gap={4}>
              <Progress value={percent} size="lg" animated={percent >= 100} aria-label="Upload progress" />
              <Text size="sm" role="status" aria-live="polite">
                {percent >= 100 ? "Uploaded; the server is checking the file…" : `Uploading… ${percent}%`}
              </Text>
            </Stack>
          ) : null}
          <UploadError error={upload.error} />
          <Group justify="flex-end">
            {upload.isPending ? (
              <Button variant="default" onClick={() => abort.current?.abort()}>
                Cancel upload
              </Button>
            ) : null}
            <Button type="submit" loading={upload.isPending}>
              Upload version
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
