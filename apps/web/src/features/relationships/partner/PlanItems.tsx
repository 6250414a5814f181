import { Badge, Button, Group, Modal, NativeSelect, Progress, Stack, Table, Text, Textarea, TextInput, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { planItemKindLabels, planItemStatuses } from "@trellis/shared";
import { type FormEvent, useState } from "react";
import type { BusinessPlan, PlanItem, PlanItemPatch, PlanItemStatus } from "../../../api/business-plans-types";
import { fieldErrors } from "../../../api/client";
import { ModalFormFooter } from "../../../components/ModalFormFooter";
import { formatDate, humanize } from "../../../lib/format";
import { planStatusColors } from "./labels";
import { formatShare } from "./money";
import { formatPlanValue, parsePlanValue, planValueInput, unitHints } from "./plan-values";
import { useUpdatePlanItem } from "./plans.api";
import { NotMeasured } from "./Section";

// A side's items: target, actual (measured from data, entered by hand, or "not measured"), status,
// due date and progress. Measured items' actual and status come from the data and cannot be edited.

const sourceBadges = {
  measured: { label: "measured", color: "teal" },
  manual: { label: "entered", color: "blue" },
  not_measured: { label: "not measured", color: "gray" },
} as const;

function ActualCell({ item, currency }: { item: PlanItem; currency: string }) {
  const badge = sourceBadges[item.source];
  return (
    <Stack gap={2} align="flex-end">
      {item.actualValue !== null ? (
        <Text size="sm">{formatPlanValue(item.actualValue, item.unit, currency)}</Text>
      ) : item.source === "not_measured" ? (
        <NotMeasured />
      ) : (
        <Text size="sm">—</Text>
      )}
      <Tooltip label={item.basis} multiline w={260} withArrow>
        <Badge size="xs" variant="outline" color={badge.color} tabIndex={0}>
          {item.actualValue === null && item.source === "manual" ? "nothing entered" : badge.label}
        </Badge>
      </Tooltip>
    </Stack>
  );
}

function EditItemButton({ plan, item }: { plan: BusinessPlan; item: PlanItem }) {
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdatePlanItem(plan.partnerId, plan.year);
  const byHand = !item.measured;
  const [status, setStatus] = useState<PlanItemStatus>(item.status);
  const [actual, setActual] = useState(planValueInput(item.source === "manual" ? item.actualValue : null, item.unit, plan.currency));
  const [target, setTarget] = useState(planValueInput(item.targetValue, item.unit, plan.currency));
  const [dueOn, setDueOn] = useState(item.dueOn);
  const [note, setNote] = useState(item.note);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const dismiss = () => {
    close();
    setErrors({});
    update.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const targetValue = parsePlanValue(target, item.unit, plan.currency);
    const actualValue = actual.trim() === "" ? null : parsePlanValue(actual, item.unit, plan.currency);
    const found: Record<string, string> = {};
    if (targetValue === null || targetValue < 1) found.targetValue = `${unitHints[item.unit](plan.currency)}, more than 0`;
    if (byHand && actual.trim() !== "" && actualValue === null) found.actualValue = unitHints[item.unit](plan.currency);
    setErrors(found);
    if (Object.keys(found).length > 0 || targetValue === null) return;
    const patch: PlanItemPatch = { targetValue, dueOn, note, ...(byHand ? { status, actualValue } : {}) };
    update.mutate(
      { itemId: item.id, patch },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: `“${item.title}” updated.` });
          close();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button size="compact-xs" variant="subtle" px={0} onClick={open} aria-label={`Update “${item.title}”`}>
        Update
      </Button>
      <Modal opened={opened} onClose={dismiss} title={item.title}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {byHand ? (
              <>
                <NativeSelect
                  label="Status"
                  data={planItemStatuses.map((value) => ({ value, label: humanize(value) }))}
                  value={status}
                  error={errors.status}
                  onChange={(event) => setStatus(event.currentTarget.value as PlanItemStatus)}
                />
                <TextInput
                  label="Actual"
                  description={`${unitHints[item.unit](plan.currency)}; empty: nothing to report yet`}
                  inputMode="decimal"
                  value={actual}
                  error={errors.actualValue}
                  onChange={(event) => setActual(event.currentTarget.value)}
                />
              </>
            ) : (
              <Text size="sm" c="dimmed">
                The actual and status come from the data: {item.basis}
              </Text>
            )}
            <TextInput
              label="Target"
              description={unitHints[item.unit](plan.currency)}
              inputMode="decimal"
              value={target}
              error={errors.targetValue}
              onChange={(event) => setTarget(event.currentTarget.value)}
            />
            <TextInput
              label="Due date"
              type="date"
              min={`${plan.year}-01-01`}
              max={`${plan.year}-12-31`}
              value={dueOn}
              error={errors.dueOn}
              onChange={(event) => setDueOn(event.currentTarget.value)}
            />
            <Textarea label="Note" autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
            <ModalFormFooter error={update.error} pending={update.isPending} submitLabel="Save" onCancel={dismiss} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function PlanItemsTable({ plan, items, canEdit }: { plan: BusinessPlan; items: PlanItem[]; canEdit: boolean }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Target</Table.Th>
            <Table.Th ta="right">Actual</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td miw={170}>
                <Text size="sm" fw={600}>
                  {item.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {planItemKindLabels[item.kind]}
                  {item.note ? ` · ${item.note}` : ""}
                </Text>
                {canEdit ? <EditItemButton key={item.updatedAt} plan={plan} item={item} /> : null}
              </Table.Td>
              <Table.Td ta="right">{formatPlanValue(item.targetValue, item.unit, plan.currency)}</Table.Td>
              <Table.Td ta="right">
                <ActualCell item={item} currency={plan.currency} />
              </Table.Td>
              <Table.Td miw={100}>
                {item.progress === null ? (
                  <NotMeasured />
                ) : (
                  <Group gap={6} wrap="nowrap">
                    <Progress
                      value={item.progress * 100}
                      color={planStatusColors[item.status]}
                      style={{ flex: 1 }}
                      aria-label={`${item.title}: ${formatShare(item.progress)} of target`}
                    />
                    <Text size="xs" w={36} ta="right">
                      {formatShare(item.progress)}
                    </Text>
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={planStatusColors[item.status]} variant="light">
                  {humanize(item.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {formatDate(item.dueOn)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
