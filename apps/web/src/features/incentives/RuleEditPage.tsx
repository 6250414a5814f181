import { Anchor, Breadcrumbs, Paper, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import { fieldErrors } from "../../api/client";
import type { RuleDetail } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { vendorRuleLink } from "./links";
import { RuleForm } from "./RuleForm";
import { emptyRule, formErrorsOf, formOf, type RuleFormValues, ruleProblems, toRuleFields } from "./rule.form";
import { useRule, useSaveRule } from "./rules.api";

const crumbs = (
  <Breadcrumbs>
    <Anchor component={Link} to="/incentives/rules" size="sm">
      Rules
    </Anchor>
  </Breadcrumbs>
);

function Versions({ rule }: { rule: RuleDetail }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Versions
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        A claim is scored with the version in force at the end of its sale date.
      </Text>
      <DataTable minWidth={520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>In force from</Table.Th>
            <Table.Th>Until</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rule.versions.map((version) => (
            <Table.Tr key={version.version}>
              <Table.Td fw={version.version === rule.version ? 700 : undefined}>
                {version.version}
                {version.version === rule.version ? " (current)" : ""}
              </Table.Td>
              <Table.Td>{version.name}</Table.Td>
              <Table.Td>{formatDateTime(version.effectiveFrom)}</Table.Td>
              <Table.Td>{version.effectiveTo ? formatDateTime(version.effectiveTo) : "—"}</Table.Td>
              <Table.Td>{version.createdBy?.name ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </Paper>
  );
}

function RuleEditor({ rule }: { rule: RuleDetail | null }) {
  const navigate = useNavigate();
  const save = useSaveRule(rule?.id ?? null);
  const form = useForm<RuleFormValues>(rule ? formOf(rule) : emptyRule);
  const submit = () => {
    const problems = ruleProblems(form.values);
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const fields = toRuleFields(form.values);
    save.mutate(rule ? fields : { kind: form.values.kind, ...fields }, {
      onSuccess: (saved) => {
        notifications.show({ color: "teal", message: rule ? `Saved as version ${saved.version}.` : `Rule “${saved.name}” created.` });
        if (!rule) navigate(vendorRuleLink(saved.id), { replace: true });
      },
      onError: (error) => form.setErrors(formErrorsOf(fieldErrors(error))),
    });
  };
  return <RuleForm form={form} editing={rule !== null} saving={save.isPending} error={save.error} onSubmit={submit} />;
}

export function RuleNewPage() {
  return (
    <Page title="New rule" description={crumbs}>
      <RuleEditor rule={null} />
    </Page>
  );
}

/** Edit a rule (a new version from now) and see its versions. */
export function RuleEditPage() {
  const { id = "" } = useParams();
  const rule = useRule(id);
  if (rule.isPending) return <PageSkeleton />;
  if (rule.isError)
    return (
      <Page title="Rule" description={crumbs}>
        <ErrorAlert error={rule.error} onRetry={() => void rule.refetch()} />
      </Page>
    );
  return (
    <Page title={rule.data.name} description={crumbs}>
      {/* Keyed by version: a save loads the new version's values. */}
      <RuleEditor key={rule.data.version} rule={rule.data} />
      <Versions rule={rule.data} />
    </Page>
  );
}
