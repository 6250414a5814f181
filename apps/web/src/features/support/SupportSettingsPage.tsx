import { Anchor, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router";
import type { AgentCoverage, SupportSettings } from "../../api/types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useSearchState } from "../../lib/useSearchState";
import { SupportSettingsAllowances } from "./SupportSettingsAllowances";
import { SupportSettingsCalendar } from "./SupportSettingsCalendar";
import { SupportSettingsCoverage } from "./SupportSettingsCoverage";
import { SupportSettingsSla } from "./SupportSettingsSla";
import { formatMinor, useAgents, useSupportSettings, useUpdateSupportSettings } from "./support-admin.api";

const tabs = [
  { value: "desk", label: "Desk" },
  { value: "hours", label: "Business hours" },
  { value: "sla", label: "SLA targets" },
  { value: "allowances", label: "Allowances" },
  { value: "coverage", label: "Agent coverage" },
] as const;
type TabValue = (typeof tabs)[number]["value"];

/** Currencies with two decimals: the cost is stored in minor units, shown as hundredths. */
const currencies = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "NZD"];

interface DeskValues {
  cost: number | string;
  currency: string;
  capacity: number | string;
  reopenWindowDays: number | string;
  warnBeforeMinutes: number | string;
  teamLeadId: string | null;
  autoAssign: boolean;
}

const serverToForm: Record<string, keyof DeskValues> = {
  costPerHourMinor: "cost",
  capacityHoursPerMonth: "capacity",
};

function wholeNumber(value: unknown): string | undefined {
  return value !== "" && Number.isInteger(Number(value)) && Number(value) >= 0 ? undefined : "A whole number, 0 or more";
}

function teamLeadOptions(agents: AgentCoverage[]) {
  return agents
    .filter((agent) => agent.role === "support_agent" || agent.role === "vendor_admin")
    .map((agent) => ({ value: agent.userId, label: `${agent.name} (${agent.email})` }));
}

function DeskForm({ settings, agents, canWrite }: { settings: SupportSettings; agents: AgentCoverage[]; canWrite: boolean }) {
  const update = useUpdateSupportSettings();
  const form = useForm<DeskValues>({
    cost: settings.costPerHourMinor / 100,
    currency: settings.currency,
    capacity: settings.capacityHoursPerMonth,
    reopenWindowDays: settings.reopenWindowDays,
    warnBeforeMinutes: settings.warnBeforeMinutes,
    teamLeadId: settings.teamLeadId,
    autoAssign: settings.autoAssign,
  });
  const { values } = form;
  const currencyData = currencies.includes(values.currency) ? currencies : [values.currency, ...currencies];
  const cost = Number(values.cost);
  return (
    <form
      onSubmit={form.onSubmit((current) => {
        const valid = form.validate({
          cost: (v) => (v !== "" && Number(v) >= 0 ? undefined : "An amount, 0 or more"),
          capacity: wholeNumber,
          reopenWindowDays: wholeNumber,
          warnBeforeMinutes: wholeNumber,
        });
        if (!valid) return;
        update.mutate(
          {
            costPerHourMinor: Math.round(Number(current.cost) * 100),
            currency: current.currency,
            capacityHoursPerMonth: Number(current.capacity),
            reopenWindowDays: Number(current.reopenWindowDays),
            warnBeforeMinutes: Number(current.warnBeforeMinutes),
            teamLeadId: current.teamLeadId,
            autoAssign: current.autoAssign,
          },
          {
            onSuccess: () => notifications.show({ color: "teal", message: "Support desk settings saved." }),
            onError: (error) => {
              if (!form.setApiErrors(error)) return;
              form.setErrors((found) => {
                const mapped = { ...found };
                for (const [from, to] of Object.entries(serverToForm)) if (found[from]) mapped[to] = found[from];
                return mapped;
              });
            },
          },
        );
      })}
    >
      <Stack>
        <ErrorAlert error={update.error} title="Settings not saved" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Cost of one support hour"
            description={Number.isFinite(cost) ? `Shown as ${formatMinor(Math.round(cost * 100), values.currency)}` : undefined}
            required
            min={0}
            decimalScale={2}
            fixedDecimalScale
            thousandSeparator=" "
            disabled={!canWrite}
            {...form.field("cost")}
          />
          <Select
            label="Currency"
            required
            allowDeselect={false}
            data={currencyData}
            disabled={!canWrite}
            value={values.currency}
            onChange={(value) => form.setValue("currency", value ?? values.currency)}
            error={form.errors.currency}
          />
          <NumberInput
            label="Team capacity (hours per month)"
            description="Support hours your agents can give partners in a month. Consumption is measured against it."
            required
            min={0}
            allowDecimal={false}
            disabled={!canWrite}
            {...form.field("capacity")}
          />
          <NumberInput
            label="Reopen window (days)"
            description="How long after resolution a partner can reopen a ticket."
            required
            min={0}
            max={365}
            allowDecimal={false}
            disabled={!canWrite}
            {...form.field("reopenWindowDays")}
          />
          <NumberInput
            label="Warn before a breach (business minutes)"
            description="The assignee and the team lead are emailed this long before an SLA target passes."
            required
            min={0}
            max={7 * 24 * 60}
            allowDecimal={false}
            disabled={!canWrite}
            {...form.field("warnBeforeMinutes")}
          />
          <Select
            label="Team lead"
            description="Warned about breaches alongside the assignee."
            placeholder="No team lead"
            clearable
            searchable
            data={teamLeadOptions(agents)}
            nothingFoundMessage="No support agent or vendor admin by that name"
            disabled={!canWrite}
            {...form.field("teamLeadId")}
          />
        </SimpleGrid>
        <Switch
          label="Assign new tickets automatically"
          description="Round-robin among the agents who cover the ticket's product family (see Agent coverage). Otherwise tickets wait in the queue unassigned."
          disabled={!canWrite}
          checked={values.autoAssign}
          onChange={(event) => form.setValue("autoAssign", event.currentTarget.checked)}
          error={form.errors.autoAssign}
        />
        {canWrite ? (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save desk settings
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

export function SupportSettingsPage() {
  const settings = useSupportSettings();
  const agents = useAgents();
  const canWrite = useCan("support:configure");
  const { values, set } = useSearchState(["tab"] as const);
  const tab: TabValue = tabs.some((item) => item.value === values.tab) ? (values.tab as TabValue) : "desk";
  return (
    <Page
      title="Support desk settings"
      description={
        <Text c="dimmed" size="sm">
          What an hour of support costs, how many hours the team has, when the SLA clock runs, and who covers what. See how the hours are used on{" "}
          <Anchor component={Link} to="/support/consumption">
            Support consumption
          </Anchor>
          .
        </Text>
      }
    >
      {!canWrite ? (
        <Text size="sm" c="dimmed">
          Only a vendor admin can change these settings; you can read them.
        </Text>
      ) : null}
      {settings.isPending ? (
        <PageSkeleton />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} title="Support settings could not be loaded" onRetry={() => void settings.refetch()} />
      ) : (
        <Tabs value={tab} onChange={(value) => set({ tab: value === "desk" ? null : value })} keepMounted={false}>
          <Tabs.List mb="md">
            {tabs.map((item) => (
              <Tabs.Tab key={item.value} value={item.value}>
                {item.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Paper withBorder p={{ base: "sm", sm: "lg" }}>
            <Tabs.Panel value="desk">
              {agents.isError ? <ErrorAlert error={agents.error} title="Agents could not be loaded" onRetry={() => void agents.refetch()} /> : null}
              <DeskForm settings={settings.data} agents={agents.data ?? []} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="hours">
              <SupportSettingsCalendar calendar={settings.data.calendar} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="sla">
              <SupportSettingsSla calendar={settings.data.calendar} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="allowances">
              <SupportSettingsAllowances canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="coverage">
              <SupportSettingsCoverage canWrite={canWrite} />
            </Tabs.Panel>
            <Text size="xs" c="dimmed" mt="md">
              Desk settings last changed {formatDateTime(settings.data.updatedAt)}
            </Text>
          </Paper>
        </Tabs>
      )}
    </Page>
  );
}
