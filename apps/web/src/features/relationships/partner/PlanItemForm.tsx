import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type PlanItemKind, planItemDefaultMeasures, planItemKindLabels, planItemKindsBySide, planItemMeasureUnits } from "@trellis/shared";
import { type FormEvent, useState } from "react";
import type { BusinessPlan, PlanItemSide, PlanItemUnit } from "../../../api/business-plans-types";
import { fieldErrors } from "../../../api/client";
import { ModalFormFooter } from "../../../components/ModalFormFooter";
import { parsePlanValue, unitHints } from "./plan-values";
import { useAddPlanItem } from "./plans.api";

// Adding a target or a commitment. A kind with a usual measure (revenue, margin, marketing funds,
// sales-support hours...) is filled from real data and its unit is fixed by that figure; the others
// are kept by hand and take the unit chosen here.

type Errors = Record<string, string | undefined>;

/** Hand-kept kinds' natural unit. */
const handUnits: Partial<Record<PlanItemKind, PlanItemUnit>> = { support_allowance: "hours" };

function unitOf(kind: PlanItemKind, chosen: PlanItemUnit): { unit: PlanItemUnit; fixed: boolean } {
  const measure = planItemDefaultMeasures[kind];
  return measure ? { unit: planItemMeasureUnits[measure], fixed: true } : { unit: chosen, fixed: false };
}

export function AddPlanItemButton({ plan, defaultSide }: { plan: BusinessPlan; defaultSide: PlanItemSide }) {
  const [opened, { open, close }] = useDisclosure(false);
  const add = useAddPlanItem(plan.partnerId, plan.year);
  const [side, setSide] = useState<PlanItemSide>(defaultSide);
  const [kind, setKind] = useState<PlanItemKind>(planItemKindsBySide[defaultSide][0] ?? "other");
  const [title, setTitle] = useState("");
  const [target, setTarget] = useState("");
  const [chosenUnit, setChosenUnit] = useState<PlanItemUnit>("count");
  const [dueOn, setDueOn] = useState(`${plan.year}-12-31`);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const { unit, fixed } = unitOf(kind, chosenUnit);

  const chooseKind = (next: PlanItemKind) => {
    setKind(next);
    setChosenUnit(handUnits[next] ?? "count");
    setErrors({});
  };
  const dismiss = () => {
    close();
    setTitle("");
    setTarget("");
    setNote("");
    setErrors({});
    add.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = parsePlanValue(target, unit, plan.currency);
    const found: Errors = {};
    if (value === null || value < 1) found.targetValue = `${unitHints[unit](plan.currency)}, more than 0`;
    if (!dueOn.startsWith(`${plan.year}-`)) found.dueOn = `A date in ${plan.year}`;
    setErrors(found);
    if (Object.keys(found).length > 0 || value === null) return;
    add.mutate(
      { side, kind, title: title.trim() || planItemKindLabels[kind], targetValue: value, unit, dueOn, note },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: "Item added to the plan." });
          dismiss();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        Add item
      </Button>
      <Modal opened={opened} onClose={dismiss} title={`Add to the ${plan.year} plan`}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label="Side"
              description="Targets and the partner's commitments are the partner's side; the vendor commits resources."
              data={[
                { value: "partner", label: "Partner" },
                { value: "vendor", label: "Vendor" },
              ]}
              value={side}
              onChange={(event) => {
                const next = event.currentTarget.value as PlanItemSide;
                setSide(next);
                chooseKind(planItemKindsBySide[next][0] ?? "other");
              }}
            />
            <NativeSelect
              label="Kind"
              data={planItemKindsBySide[side].map((value) => ({ value, label: planItemKindLabels[value] }))}
              value={kind}
              error={errors.kind}
              onChange={(event) => chooseKind(event.currentTarget.value as PlanItemKind)}
            />
            <TextInput
              label="Title"
              placeholder={planItemKindLabels[kind]}
              maxLength={200}
              value={title}
              error={errors.title}
              onChange={(event) => setTitle(event.currentTarget.value)}
            />
            <Group grow align="flex-start">
              <TextInput
                label="Target"
                description={unitHints[unit](plan.currency)}
                inputMode="decimal"
                required
                value={target}
                error={errors.targetValue}
                onChange={(event) => setTarget(event.currentTarget.value)}
              />
              <NativeSelect
                label="Unit"
                description={fixed ? "Set by the figure that measures it" : "Kept by hand"}
                disabled={fixed}
                data={[
                  { value: "money", label: `Money (${plan.currency})` },
                  { value: "hours", label: "Hours" },
                  { value: "count", label: "Count" },
                ]}
                value={unit}
                error={errors.unit}
                onChange={(event) => setChosenUnit(event.currentTarget.value as PlanItemUnit)}
              />
            </Group>
            <TextInput
              label="Due date"
              type="date"
              min={`${plan.year}-01-01`}
              max={`${plan.year}-12-31`}
              required
              value={dueOn}
              error={errors.dueOn}
              onChange={(event) => setDueOn(event.currentTarget.value)}
            />
            <Textarea label="Note" autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
            <ModalFormFooter error={add.error} pending={add.isPending} submitLabel="Add item" onCancel={dismiss} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
