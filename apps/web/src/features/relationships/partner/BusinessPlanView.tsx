import { Badge, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { BusinessPlan, BusinessPlanStatus, PlanFulfilment, PlanItemSide } from "../../../api/business-plans-types";
import { errorMessage } from "../../../api/client";
import { Empty } from "../../../components/Empty";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { humanize } from "../../../lib/format";
import { formatShare } from "./money";
import { AddPlanItemButton } from "./PlanItemForm";
import { PlanItemsTable } from "./PlanItems";
import { useCreatePlan, usePlan, usePlanList, useUpdatePlan } from "./plans.api";
import { Section } from "./Section";

// The joint business plan of one partner and year: targets and both sides' commitments, each
// with its actual (from real data where a figure exists) and both sides' fulfilment. The vendor's
// tab edits it; the partner portal shows the same view read-only.

const statusColors: Record<BusinessPlanStatus, string> = { draft: "gray", agreed: "teal", closed: "dark" };
const sideTitles: Record<PlanItemSide, { title: string; hint: string }> = {
  partner: { title: "Partner: targets and commitments", hint: "What the partner sells and does: revenue, certified staff, promotions, events." },
  vendor: { title: "Vendor: commitments", hint: "What the vendor puts in: training, marketing funds, sales-support hours, support allowance." },
};

function FulfilmentCard({ side, fulfilment }: { side: PlanItemSide; fulfilment: PlanFulfilment }) {
  const progress = fulfilment.averageProgress;
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {side === "partner" ? "Partner's fulfilment" : "Vendor's fulfilment"}
      </Text>
      <Text fz="lg" fw={700}>
        {fulfilment.items === 0 ? "No items" : `${fulfilment.done} of ${fulfilment.items} done`}
      </Text>
      {progress === null ? (
        <Text size="xs" c="dimmed">
          No progress to measure yet.
        </Text>
      ) : (
        <>
          <Progress value={progress * 100} color="teal" mt={4} aria-label={`${side} average progress ${formatShare(progress)}`} />
          <Text size="xs" c="dimmed" mt={2}>
            Average progress {formatShare(progress)}
            {fulfilment.notMeasuredItems > 0 ? ` · ${fulfilment.notMeasuredItems} not measured, left out` : ""}
          </Text>
        </>
      )}
    </Paper>
  );
}

function PlanStatusActions({ plan }: { plan: BusinessPlan }) {
  const update = useUpdatePlan(plan.partnerId, plan.year);
  const move = (status: BusinessPlanStatus, message: string) =>
    update.mutate(
      { status },
      {
        onSuccess: () => notifications.show({ color: "teal", message }),
        onError: (error) => notifications.show({ color: "red", title: "The plan did not change", message: errorMessage(error) }),
      },
    );
  if (plan.status === "draft")
    return (
      <Button size="xs" loading={update.isPending} onClick={() => move("agreed", `The ${plan.year} plan is agreed.`)}>
        Mark agreed
      </Button>
    );
  if (plan.status === "agreed")
    return (
      <Button size="xs" variant="default" loading={update.isPending} onClick={() => move("closed", `The ${plan.year} plan is closed.`)}>
        Close plan
      </Button>
    );
  return (
    <Button size="xs" variant="default" loading={update.isPending} onClick={() => move("agreed", `The ${plan.year} plan is open again.`)}>
      Reopen
    </Button>
  );
}

function PlanBody({ plan, canWrite }: { plan: BusinessPlan; canWrite: boolean }) {
  const canEdit = canWrite && plan.status !== "closed";
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Badge color={statusColors[plan.status]} size="lg" variant="light">
            {humanize(plan.status)}
          </Badge>
          {plan.notes ? (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
              {plan.notes}
            </Text>
          ) : null}
        </Group>
        {canWrite ? <PlanStatusActions plan={plan} /> : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <FulfilmentCard side="partner" fulfilment={plan.fulfilment.partner} />
        <FulfilmentCard side="vendor" fulfilment={plan.fulfilment.vendor} />
      </SimpleGrid>
      {(["partner", "vendor"] as const).map((side) => {
        const items = plan.items.filter((item) => item.side === side);
        return (
          <Section
            key={side}
            order={3}
            title={sideTitles[side].title}
            hint={sideTitles[side].hint}
            actions={canEdit ? <AddPlanItemButton plan={plan} defaultSide={side} /> : null}
          >
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {canEdit ? "Nothing yet: add an item with a target and a due date." : "Nothing on this side yet."}
              </Text>
            ) : (
              <PlanItemsTable plan={plan} items={items} canEdit={canEdit} />
            )}
          </Section>
        );
      })}
    </Stack>
  );
}

export function BusinessPlanView({ partnerId, canWrite }: { partnerId: string; canWrite: boolean }) {
  const list = usePlanList(partnerId);
  const thisYear = new Date().getFullYear();
  const [chosen, setChosen] = useState<number | null>(null);
  const years = new Set(list.data?.map((plan) => plan.year) ?? []);
  // Shown first: the year picked, else this year's plan, else the newest plan, else this year.
  const newest = list.data?.[0]?.year;
  const year = chosen ?? (years.has(thisYear) || newest === undefined ? thisYear : newest);
  const exists = years.has(year);
  const plan = usePlan(partnerId, year, exists);
  const create = useCreatePlan(partnerId);
  const options = [...new Set([...years, year, ...(canWrite ? [thisYear, thisYear + 1] : [])])].sort((a, b) => b - a);

  if (list.isPending) return <Skeleton height={240} aria-label="Loading the business plan" />;
  if (list.isError) return <ErrorAlert error={list.error} title="The business plans could not be loaded" onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <NativeSelect
          label="Year"
          w={140}
          data={options.map((value) => ({ value: String(value), label: String(value) }))}
          value={String(year)}
          onChange={(event) => setChosen(Number(event.currentTarget.value))}
        />
      </Group>
      {!exists ? (
        <Paper withBorder>
          <Empty
            title={`No joint business plan for ${year}`}
            actions={
              canWrite ? (
                <Button
                  loading={create.isPending}
                  onClick={() =>
                    create.mutate(
                      { year },
                      {
                        onSuccess: () => notifications.show({ color: "teal", message: `The ${year} plan was started as a draft.` }),
                      },
                    )
                  }
                >
                  Start the {year} plan
                </Button>
              ) : null
            }
          >
            {canWrite
              ? "Start a plan, then add the partner's targets and both sides' commitments with due dates."
              : "The vendor has not shared a plan for this year yet."}
          </Empty>
          {create.error ? <ErrorAlert error={create.error} title="The plan was not created" /> : null}
        </Paper>
      ) : plan.isPending ? (
        <Skeleton height={240} aria-label="Loading the plan" />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} title="The plan could not be loaded" onRetry={() => void plan.refetch()} />
      ) : (
        <PlanBody plan={plan.data} canWrite={canWrite} />
      )}
    </Stack>
  );
}
