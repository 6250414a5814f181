import { Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import type { TicketDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useKnownProblemSearch, useUpdateTicket } from "./tickets.api";

/** The known problem (defect or limitation) behind this ticket: shown with its workaround; agents link or unlink it. */
export function TicketProblemLink({ ticket, canWork }: { ticket: TicketDetail; canWork: boolean }) {
  const update = useUpdateTicket(ticket.id);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const [searching, setSearching] = useState(false);
  const found = useKnownProblemSearch(q, canWork && searching);
  const linked = ticket.knownProblem;

  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (linked) options.set(linked.id, linked.title);
    for (const problem of found.data ?? []) options.set(problem.id, problem.title);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [linked, found.data]);

  if (!canWork && !linked) return null;

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Known problem
        </Title>
        {linked ? (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {linked.title}
            </Text>
            {linked.workaround ? (
              <Text size="xs" style={{ whiteSpace: "pre-wrap" }}>
                Workaround: {linked.workaround}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {linked.fixVersion ? `Fixed in ${linked.fixVersion}` : "No fix version yet"}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Not linked to a known problem.
          </Text>
        )}
        {canWork ? (
          <>
            <Select
              label={linked ? "Link another known problem" : "Link a known problem"}
              placeholder="Type words from its title"
              searchable
              clearable={false}
              searchValue={search}
              onSearchChange={setSearch}
              onDropdownOpen={() => setSearching(true)}
              // The server already filtered by the search words.
              filter={({ options }) => options}
              data={data}
              value={linked?.id ?? null}
              onChange={(value) => value && value !== linked?.id && update.mutate({ knownProblemId: value })}
              nothingFoundMessage={found.isFetching ? "Searching…" : found.isError ? "Known problems are not available" : "No known problem matches"}
              disabled={update.isPending}
            />
            {found.isError ? (
              <Text size="xs" c="dimmed">
                The known-problem list could not be searched right now.
              </Text>
            ) : null}
            {linked ? (
              <Group>
                <Button size="xs" variant="subtle" color="gray" loading={update.isPending} onClick={() => update.mutate({ knownProblemId: null })}>
                  Unlink
                </Button>
              </Group>
            ) : null}
            {update.isError ? <ErrorAlert error={update.error} title="Link not saved" /> : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
