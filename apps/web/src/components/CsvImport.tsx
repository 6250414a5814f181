import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type UseMutationResult, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, errorMessage } from "../api/client";
import type { ImportResult } from "../api/types";
import { CsvRowErrors } from "./CsvRowErrors";
import { FilePicker } from "./FilePicker";

interface CsvImportProps {
  /** e.g. "/partners/import" */
  path: string;
  /** What is imported, plural: "partners". */
  noun: string;
  /** One sentence on the expected columns. */
  help: string;
  /** Query keys to refresh after a successful import. */
  invalidate: readonly (readonly unknown[])[];
}

function summary(result: ImportResult, noun: string): string {
  const parts = [`${result.created} created`, `${result.updated} updated`];
  if (result.unchanged) parts.push(`${result.unchanged} unchanged`);
  if (result.familiesCreated?.length) parts.push(`new families: ${result.familiesCreated.join(", ")}`);
  return `Imported ${noun}: ${parts.join(", ")}.`;
}

function RowErrors({ mutation }: { mutation: UseMutationResult<ImportResult, Error, string> }) {
  const error = mutation.error;
  if (!error) return null;
  const rows = error instanceof ApiError ? (error.problem.rows ?? []) : [];
  if (rows.length === 0)
    return (
      <Alert color="red" title="Import failed" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  return <CsvRowErrors rows={rows} title="Nothing was imported" again="import it again" />;
}

export function CsvImport({ path, noun, help, invalidate }: CsvImportProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const client = useQueryClient();
  const mutation = useMutation<ImportResult, Error, string>({
    mutationFn: (csv) => api<ImportResult>(path, { method: "POST", body: csv }),
    onSuccess: (result) => {
      for (const key of invalidate) void client.invalidateQueries({ queryKey: key });
      notifications.show({ color: "teal", title: "Import finished", message: summary(result, noun) });
    },
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    mutation.mutate(await file.text());
  };

  const dismiss = () => {
    close();
    setFile(null);
    setMissing(false);
    mutation.reset();
  };

  return (
    <>
      <Button variant="default" onClick={open}>
        Import CSV
      </Button>
      <Modal opened={opened} onClose={dismiss} title={`Import ${noun} from CSV`} size="lg">
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {help} An import either applies every row or none.
            </Text>
            <FilePicker
              label="CSV file"
              accept=".csv,text/csv"
              error={missing ? "Choose a CSV file" : undefined}
              onChange={(chosen) => {
                setFile(chosen);
                setMissing(false);
                mutation.reset();
              }}
            />
            {mutation.isSuccess ? (
              <Alert color="teal" title="Import finished" role="status">
                {summary(mutation.data, noun)}
              </Alert>
            ) : null}
            <RowErrors mutation={mutation} />
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss}>
                {mutation.isSuccess ? "Close" : "Cancel"}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                Import
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
