import { Alert, Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import type { ClaimDetail } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { useUploadInvoice } from "./claims.api";

const maxBytes = 10 * 1024 * 1024;

/** Attach (or replace) the invoice of a pending or approved claim: a PDF or an image, at most 10 MB. */
export function InvoiceUpload({ claim, highlight }: { claim: ClaimDetail; highlight: boolean }) {
  const upload = useUploadInvoice(claim.id);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [progress, setProgress] = useState(0);
  // A new input after each upload: a file input cannot be cleared from code.
  const [pickerKey, setPickerKey] = useState(0);
  if (claim.status !== "pending" && claim.status !== "approved") return null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setProblem("Choose the invoice file");
      return;
    }
    if (file.size > maxBytes) {
      setProblem("The file is larger than 10 MB");
      return;
    }
    setProgress(0);
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: `Invoice ${file.name} attached to the claim.` });
          setFile(null);
          setPickerKey((key) => key + 1);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" bg={highlight && !claim.invoice ? "yellow.0" : undefined}>
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          {highlight && !claim.invoice ? (
            <Alert color="yellow" title="Attach the invoice" role="status">
              The claim is filed. The vendor checks claims against their invoices: attach it now.
            </Alert>
          ) : null}
          <FilePicker
            key={pickerKey}
            label={claim.invoice ? "Replace the invoice file" : "Invoice file"}
            description="PDF or image, at most 10 MB"
            accept="application/pdf,image/png,image/jpeg,image/webp"
            error={problem}
            onChange={(chosen) => {
              setFile(chosen);
              setProblem(undefined);
              upload.reset();
            }}
          />
          {upload.isPending ? <Progress value={progress * 100} aria-label="Upload progress" animated /> : null}
          <ErrorAlert error={upload.error} title="The invoice was not attached" />
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {claim.invoice ? "A new file replaces the one attached." : "You can attach it later from this page."}
            </Text>
            <Button type="submit" variant={claim.invoice ? "default" : "filled"} loading={upload.isPending}>
              {claim.invoice ? "Replace invoice" : "Attach invoice"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
