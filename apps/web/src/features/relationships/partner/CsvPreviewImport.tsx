import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError, errorMessage } from "../../../api/client";
import type { ImportRowError } from "../../../api/relationships-types";
import { CsvRowErrors } from "../../../components/CsvRowErrors";
import { FilePicker } from "../../../components/FilePicker";

// A CSV import in two steps, as the relationship APIs take it: "Check file" (?mode=preview, changes
// nothing, lists every problem by row and column), then "Import" (?mode=apply, every row or none).
// components/CsvImport does a single-step import whose answer counts created/updated rows.

export type ImportMode = "preview" | "apply";

interface CsvPreviewImportProps<R extends { errors: ImportRowError[] }> {
  /** What is imported, plural: "cost lines". */
  noun: string;
  /** The expected columns, in a sentence or two. */
  help: ReactNode;
  run: (input: { csv: string; mode: ImportMode; fileName: string }) => Promise<R>;
  /** What a clean preview or an apply found, e.g. a table of months. */
  renderResult: (result: R) => ReactNode;
  /** Called once an apply succeeded (a notification, say). */
  onApplied?: (result: R) => void;
  buttonLabel?: string;
}

export function CsvPreviewImport<R extends { errors: ImportRowError[] }>({
  noun,
  help,
  run,
  renderResult,
  onApplied,
  buttonLabel = "Import CSV",
}: CsvPreviewImportProps<R>) {
  const [opened, { open, close }] = useDisclosure(false);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [pending, setPending] = useState<ImportMode | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [applied, setApplied] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setPreview(null);
    setApplied(null);
    setError(null);
  };

  const send = async (mode: ImportMode) => {
    if (!file) {
      setMissing(true);
      return;
    }
    setPending(mode);
    setError(null);
    try {
      const result = await run({ csv: await file.text(), mode, fileName: file.name });
      if (mode === "preview") setPreview(result);
      else {
        setApplied(result);
        onApplied?.(result);
      }
    } catch (caught) {
      setError(caught);
      if (mode === "apply") setPreview(null);
    } finally {
      setPending(null);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(preview && preview.errors.length === 0 ? "apply" : "preview");
  };

  const dismiss = () => {
    close();
    setFile(null);
    setMissing(false);
    reset();
  };

  const rowErrors = error instanceof ApiError ? (error.problem.rows ?? []) : [];
  const previewErrors = preview?.errors ?? [];
  const ready = preview !== null && previewErrors.length === 0 && !applied;

  return (
    <>
      <Button variant="default" onClick={open}>
        {buttonLabel}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={`Import ${noun} from CSV`} size="lg">
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed" component="div">
              {help} Check the file first: nothing changes until you import, and an import applies every row or none.
            </Text>
            <FilePicker
              label="CSV file"
              accept=".csv,text/csv"
              error={missing ? "Choose a CSV file" : undefined}
              onChange={(chosen) => {
                setFile(chosen);
                setMissing(false);
                reset();
              }}
            />
            {error && rowErrors.length > 0 ? <CsvRowErrors rows={rowErrors} title="Nothing was imported" again="check it again" /> : null}
            {error && rowErrors.length === 0 ? (
              <Alert color="red" title="The file could not be imported" role="alert">
                {errorMessage(error)}
              </Alert>
            ) : null}
            {previewErrors.length > 0 ? (
              <CsvRowErrors rows={previewErrors} title="The file cannot be imported as it is" again="check it again" />
            ) : null}
            {ready && preview ? (
              <Stack gap="xs">
                <Alert color="teal" title="The file is good" role="status">
                  Every row can be imported. Nothing has changed yet: choose Import to record it.
                </Alert>
                {renderResult(preview)}
              </Stack>
            ) : null}
            {applied ? (
              <Stack gap="xs">
                <Alert color="teal" title="Import finished" role="status">
                  Every row was recorded.
                </Alert>
                {renderResult(applied)}
              </Stack>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss}>
                {applied ? "Close" : "Cancel"}
              </Button>
              {applied ? null : ready ? (
                <Button type="submit" loading={pending === "apply"}>
                  Import
                </Button>
              ) : (
                <Button type="submit" loading={pending === "preview"}>
                  Check file
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
