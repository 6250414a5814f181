import { Anchor, Badge, Button, Grid, Group, MultiSelect, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { roleLabels } from "@trellis/shared";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage, fieldErrors } from "../../api/client";
import type { AgentCoverage } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { useFamilies } from "../products/products.api";
import { useAgents, useSaveCoverage } from "./support-admin.api";

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function roleLabel(role: string): string {
  return role in roleLabels ? roleLabels[role as keyof typeof roleLabels] : role;
}

function AgentRow({ agent, families, canWrite }: { agent: AgentCoverage; families: { value: string; label: string }[]; canWrite: boolean }) {
  const [familyIds, setFamilyIds] = useState(agent.familyIds);
  const [error, setError] = useState<string | undefined>();
  const save = useSaveCoverage();
  const dirty = !sameSet(familyIds, agent.familyIds);
  const submit = () =>
    save.mutate(
      { userId: agent.userId, familyIds },
      {
        onSuccess: () => notifications.show({ color: "teal", message: `${agent.name}'s coverage saved.` }),
        onError: (failure) => setError(Object.values(fieldErrors(failure))[0] ?? errorMessage(failure)),
      },
    );
  return (
    <Paper withBorder p="sm" component="li">
      <Grid gap="sm" align="center">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Text size="sm" fw={600}>
            {agent.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {agent.email} · {roleLabel(agent.role)}
          </Text>
          <Text size="xs" c="dimmed">
            {agent.openTickets === 1 ? "1 open ticket" : `${agent.openTickets} open tickets`}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: canWrite ? 6 : 8 }}>
          <MultiSelect
            aria-label={`Product families ${agent.name} covers`}
            placeholder={familyIds.length ? undefined : "No family: never auto-assigned"}
            data={families}
            searchable
            clearable
            value={familyIds}
            onChange={(value) => {
              setFamilyIds(value);
              setError(undefined);
            }}
            error={error}
            disabled={!canWrite}
          />
        </Grid.Col>
        {canWrite ? (
          <Grid.Col span={{ base: 12, sm: 2 }}>
            <Group gap="xs" wrap="nowrap" justify="flex-end">
              {dirty ? (
                <Button size="xs" variant="subtle" onClick={() => setFamilyIds(agent.familyIds)} disabled={save.isPending}>
                  Undo
                </Button>
              ) : null}
              <Button size="xs" onClick={submit} disabled={!dirty} loading={save.isPending} aria-label={`Save ${agent.name}'s coverage`}>
                Save
              </Button>
            </Group>
          </Grid.Col>
        ) : null}
      </Grid>
    </Paper>
  );
}

export function SupportSettingsCoverage({ canWrite }: { canWrite: boolean }) {
  const agents = useAgents();
  const families = useFamilies();
  const options = (families.data ?? []).map((family) => ({ value: family.id, label: family.name }));
  const uncovered = (families.data ?? []).filter((family) => !(agents.data ?? []).some((agent) => agent.familyIds.includes(family.id)));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Which product families each agent takes. With automatic assignment on, a new ticket goes round-robin to the agents covering its product&apos;s
        family.
      </Text>
      {agents.isPending || families.isPending ? (
        <TableSkeleton rows={4} />
      ) : agents.isError || families.isError ? (
        <ErrorAlert
          error={agents.error ?? families.error}
          title="Agents could not be loaded"
          onRetry={() => {
            void agents.refetch();
            void families.refetch();
          }}
        />
      ) : agents.data.length === 0 ? (
        <Empty title="No support agents yet">
          Invite vendor users with the support agent role on{" "}
          <Anchor component={Link} to="/admin/users">
            Users
          </Anchor>
          ; they appear here to be given product families.
        </Empty>
      ) : (
        <>
          {uncovered.length > 0 ? (
            <Group gap={6}>
              <Text size="sm">Families nobody covers (their tickets stay unassigned):</Text>
              {uncovered.map((family) => (
                <Badge key={family.id} color="orange" variant="light">
                  {family.name}
                </Badge>
              ))}
            </Group>
          ) : null}
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Agents and the product families they cover">
            {agents.data.map((agent) => (
              <AgentRow key={`${agent.userId}:${agent.familyIds.join(",")}`} agent={agent} families={options} canWrite={canWrite} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
