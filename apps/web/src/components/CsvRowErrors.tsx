import { Alert, Stack, Table } from "@mantine/core";

export interface CsvRowError {
  row: number;
  column: string;
  message: string;
}

/** A CSV file's problems by row and column, under an alert saying what to do next ("import it again"). */
export function CsvRowErrors({ rows, title, again }: { rows: readonly CsvRowError[]; title: string; again: string }) {
  return (
    <Stack gap="xs">
      <Alert color="red" title={title} role="alert">
        {rows.length === 1 ? "1 problem" : `${rows.length} problems`} found. Fix them in the file and {again}.
      </Alert>
      <Table.ScrollContainer minWidth={360} mah={320}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Message</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={`${row.row}:${row.column}:${row.message}`}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>{row.column}</Table.Td>
                <Table.Td>{row.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
