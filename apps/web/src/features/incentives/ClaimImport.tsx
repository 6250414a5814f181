import { Alert, Anchor, Button, Group, Modal, Progress, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { ApiError, errorMessage } from "../../api/client";
import type { ClaimImportResult, ClaimImportRowError } from "../../api/incentives-types";
import { FilePicker } from "../../components/FilePicker";
import { useApplyImport, usePreviewImport } from "./claims.api";
import { plural, points } from "./incentives.labels";

const columns = "rep_email,invoice_number,invoice_date,end_customer,sku,serial,unit_net_minor,currency";
const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${columns}\nrep@example.com,INV-1001,2026-05-04,Acme Retail,NV-16P-4T,NV123-12345678,99900,EUR\n`)}`;

function RowErrorTable({ errors }: { errors: ClaimImportRowError[] }) {
  return (
    <Table.ScrollContainer minWidth={420} mah={300}>
      <Table striped>
        <Table.Caption>Problems by row (row 1 is the header)</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>Column</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error) => (
            <Table.Tr key={`${error.row}:${error.column}:${error.message}`}>
              <Table.Td>{error.row}</Table.Td>
              <Table.Td>{error.column || "—"}</Table.Td>
              <Table.Td>{error.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PreviewTable({ result }: { result: ClaimImportResult }) {
  return (
    <Table.ScrollContainer minWidth={520} mah={300}>
      <Table striped>
        <Table.Caption>The claims as they will be filed</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Invoice</Table.Th>
            <Table.Th>Rep</Table.Th>
            <Table.Th ta="right">Units</Table.Th>
            <Table.Th ta="right">Points</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.claims.map((claim) => (
            <Table.Tr key={claim.invoiceNumber}>
              <Table.Td>{claim.invoiceNumber}</Table.Td>
              <Table.Td>{claim.rep.email}</Table.Td>
              <Table.Td ta="right">{claim.units}</Table.Td>
              <Table.Td ta="right">{claim.points}</Table.Td>
              <Table.Td>{claim.status === "approved" ? "Approved at once" : "Waits for review"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The apply's own refusal: the rows it names, or one message. */
function applyErrors(error: unknown): ClaimImportRowError[] {
  return error instanceof ApiError ? (error.problem.rows ?? []) : [];
}

/** Bulk claims for a partner admin: check the file (a dry run with every problem by row), then file it all or nothing. */
export function ClaimImport() {
  const [opened, { open, close }] = useDisclosure(false);
  const [csv, setCsv] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const preview = usePreviewImport();
  const apply = useApplyImport();
  const checked = preview.data;
  const ready = checked && checked.errors.length === 0 && checked.claims.length > 0;

  const reset = () => {
    preview.reset();
    apply.reset();
  };
  const dismiss = () => {
    close();
    setCsv(null);
    setMissing(false);
    reset();
  };
  const onCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!csv) {
      setMissing(true);
      return;
    }
    apply.reset();
    preview.mutate(csv);
  };
  const onApply = () => {
    if (!csv) return;
    apply.mutate(csv, {
      onSuccess: (result) => {
        const approved = result.claims.filter((claim) => claim.status === "approved").length;
        notifications.show({
          color: "teal",
          title: "Claims filed",
          message: `${plural(result.claims.length, "claim")} filed, ${approved} approved at once (${points(result.claims.reduce((sum, c) => sum + c.points, 0))}).`,
        });
      },
    });
  };
  const rowProblems = applyErrors(apply.error);

  return (
    <>
      <Button variant="default" onClick={open}>
        Import claims (CSV)
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Import claims from CSV" size="xl">
        <form onSubmit={onCheck}>
          <Stack>
            <Text size="sm" c="dimmed">
              One row per unit sold, with the columns {columns.split(",").join(", ")} (the last two are optional: the list price when left empty). The
              rows of one invoice number form one claim. Check the file first: nothing is filed until you confirm, and then every claim is filed or
              none.{" "}
              <Anchor href={template} download="claims-template.csv">
                Download a template
              </Anchor>
              .
            </Text>
            <FilePicker
              label="CSV file"
              accept=".csv,text/csv"
              error={missing ? "Choose a CSV file" : undefined}
              onChange={async (file) => {
                setMissing(false);
                reset();
                setCsv(file ? await file.text() : null);
              }}
            />
            {preview.isPending || apply.isPending ? (
              <Stack gap={4}>
                <Text size="sm">{apply.isPending ? "Filing the claims…" : "Checking every row…"}</Text>
                <Progress value={100} animated aria-label={apply.isPending ? "Filing the claims" : "Checking the file"} />
              </Stack>
            ) : null}
            {preview.isError ? (
              <Alert color="red" title="The file could not be checked" role="alert">
                {errorMessage(preview.error)}
              </Alert>
            ) : null}
            {checked && checked.errors.length > 0 ? (
              <Stack gap="xs">
                <Alert color="red" title="Fix the file and check it again" role="alert">
                  {plural(checked.errors.length, "problem")} in {plural(checked.rows, "row")}. Nothing has been filed.
                </Alert>
                <RowErrorTable errors={checked.errors} />
              </Stack>
            ) : null}
            {ready && !apply.isSuccess ? (
              <Alert color="blue" title="Ready to file" role="status">
                {plural(checked.rows, "row")} make {plural(checked.claims.length, "claim")} worth{" "}
                {points(checked.claims.reduce((sum, c) => sum + c.points, 0))}.
              </Alert>
            ) : null}
            {checked && checked.claims.length > 0 && !apply.isSuccess ? <PreviewTable result={checked} /> : null}
            {apply.isSuccess ? (
              <Alert color="teal" title="Claims filed" role="status">
                {plural(apply.data.claims.length, "claim")} filed. They are in the list now.
              </Alert>
            ) : null}
            {apply.isError ? (
              <Stack gap="xs">
                <Alert color="red" title="Nothing was filed" role="alert">
                  {errorMessage(apply.error)}
                </Alert>
                {rowProblems.length > 0 ? <RowErrorTable errors={rowProblems} /> : null}
              </Stack>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss}>
                {apply.isSuccess ? "Close" : "Cancel"}
              </Button>
              {apply.isSuccess ? null : ready ? (
                <>
                  <Button type="submit" variant="default" loading={preview.isPending}>
                    Check again
                  </Button>
                  <Button onClick={onApply} loading={apply.isPending}>
                    File {plural(checked.claims.length, "claim")}
                  </Button>
                </>
              ) : (
                <Button type="submit" loading={preview.isPending}>
                  Check the file
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
