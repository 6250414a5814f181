import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../../../api/client";
import type { CostCategory, CostLine } from "../../../api/relationships-types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { ModalFormFooter } from "../../../components/ModalFormFooter";
import { useAddCostLine, useVoidCostLine } from "./costs.api";
import { costCategoryLabels } from "./labels";
import { dayFromToday } from "./relationship.api";

// Recording a cost line and voiding one. What each category needs is the server's rule, said
// here too so the form asks for it: channel-manager time needs hours (the amount defaults to hours
// x the cost per hour), "other" needs a label, every category but channel manager an amount.

type Errors = Record<string, string | undefined>;

const needs: Record<CostCategory, { amount: "required" | "optional"; hours: "required" | "optional" | "none"; label: boolean }> = {
  marketing_funds: { amount: "required", hours: "none", label: false },
  channel_manager: { amount: "optional", hours: "required", label: false },
  training: { amount: "required", hours: "optional", label: false },
  other: { amount: "required", hours: "none", label: true },
};

export function AddCostLineButton({ partnerId, currency }: { partnerId: string; currency: string | null }) {
  const [opened, { open, close }] = useDisclosure(false);
  const add = useAddCostLine(partnerId);
  const [spentOn, setSpentOn] = useState(dayFromToday(0));
  const [category, setCategory] = useState<CostCategory>("marketing_funds");
  const [amount, setAmount] = useState("");
  const [hours, setHours] = useState("");
  const [purpose, setPurpose] = useState("");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const rule = needs[category];
  const dismiss = () => {
    close();
    setAmount("");
    setHours("");
    setPurpose("");
    setLabel("");
    setErrors({});
    add.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (!spentOn) found.spentOn = "Choose the day it was spent";
    if (rule.amount === "required" && !amount.trim()) found.amount = "Enter the amount";
    if (rule.hours === "required" && !hours.trim()) found.hours = "Enter the hours";
    if (rule.label && !label.trim()) found.label = "Say what the cost is";
    if (!purpose.trim()) found.purpose = "Say why the money or time was spent";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      {
        spentOn,
        category,
        purpose: purpose.trim(),
        ...(amount.trim() ? { amount: amount.trim() } : {}),
        ...(rule.hours !== "none" && hours.trim() ? { hours: hours.trim() } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: "Cost line recorded; the scorecard is updated." });
          dismiss();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button onClick={open}>Add cost line</Button>
      <Modal opened={opened} onClose={dismiss} title="Add a cost line">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label="Date"
              type="date"
              required
              max={dayFromToday(0)}
              value={spentOn}
              error={errors.spentOn}
              onChange={(event) => setSpentOn(event.currentTarget.value)}
            />
            <NativeSelect
              label="Category"
              data={(Object.keys(costCategoryLabels) as CostCategory[]).map((value) => ({ value, label: costCategoryLabels[value] }))}
              value={category}
              error={errors.category}
              onChange={(event) => {
                setCategory(event.currentTarget.value as CostCategory);
                setErrors({});
              }}
            />
            <Group grow align="flex-start">
              <TextInput
                label={currency ? `Amount (${currency})` : "Amount"}
                description={rule.amount === "optional" ? "Empty: hours × the cost per hour" : "In the reporting currency"}
                inputMode="decimal"
                required={rule.amount === "required"}
                value={amount}
                error={errors.amount}
                onChange={(event) => setAmount(event.currentTarget.value)}
              />
              {rule.hours !== "none" ? (
                <TextInput
                  label="Hours"
                  description={rule.hours === "optional" ? "Instructor hours, if any" : "Time spent, e.g. 7.5"}
                  inputMode="decimal"
                  required={rule.hours === "required"}
                  value={hours}
                  error={errors.hours}
                  onChange={(event) => setHours(event.currentTarget.value)}
                />
              ) : null}
            </Group>
            <TextInput
              label="Label"
              description={rule.label ? "What the cost is" : "Optional"}
              required={rule.label}
              maxLength={120}
              value={label}
              error={errors.label}
              onChange={(event) => setLabel(event.currentTarget.value)}
            />
            <Textarea
              label="Purpose"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={purpose}
              error={errors.purpose}
              onChange={(event) => setPurpose(event.currentTarget.value)}
            />
            <ModalFormFooter
              error={add.error}
              errorTitle="The cost line was not recorded"
              pending={add.isPending}
              submitLabel="Add cost line"
              onCancel={dismiss}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function VoidCostLineButton({ line }: { line: CostLine }) {
  const [opened, { open, close }] = useDisclosure(false);
  const voidLine = useVoidCostLine(line.partnerId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const dismiss = () => {
    close();
    setReason("");
    setError(undefined);
    voidLine.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError("At least 3 characters: why is the line wrong?");
      return;
    }
    voidLine.mutate(
      { id: line.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ message: "Cost line voided: it stays listed and leaves the figures." });
          dismiss();
        },
        onError: (caught) => setError(fieldErrors(caught).reason),
      },
    );
  };
  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red" onClick={open} aria-label={`Void the cost line of ${line.spentOn}: ${line.purpose}`}>
        Void
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Void a cost line">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Textarea
              label="Reason for voiding"
              description="The line stays listed, marked with this reason, and no longer counts."
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              error={error}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            {voidLine.error && !fieldErrors(voidLine.error).reason ? <ErrorAlert error={voidLine.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={voidLine.isPending}>
                Void line
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
