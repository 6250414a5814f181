import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError, fieldErrors } from "../../api/client";
import type { AdjustmentResult } from "../../api/incentives-types";
import { useCan, useUser } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PartnerFilter } from "../../components/PartnerFilter";
import { useForm } from "../../lib/useForm";
import { useAdjustment, useBalance, useStaff, useVendorUsers } from "./incentives.api";
import { points, signed } from "./incentives.labels";

interface AdjustmentValues {
  partnerId: string | null;
  userId: string | null;
  points: number | string;
  reason: string;
  approverId: string | null;
}

const empty: AdjustmentValues = { partnerId: null, userId: null, points: "", reason: "", approverId: null };

/** Who may approve: another vendor user who may adjust points (vendor admins and finance). Listed for those who may list users. */
function ApproverField({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const me = useUser();
  const canList = useCan("vendor_users:manage");
  const users = useVendorUsers(canList);
  const listed = canList && users.isSuccess;
  if (!listed)
    return (
      <TextInput
        label="Approver's user id"
        description="The second person who approved this change. The list of approvers is only shown to user admins."
        required
        value={value ?? ""}
        onChange={(event) => onChange(event.currentTarget.value.trim() || null)}
        error={error ?? (users.error instanceof ApiError && users.error.status !== 403 ? users.error.message : undefined)}
      />
    );
  const approvers = users.data.filter(
    (user) => user.id !== me.id && user.status === "active" && (user.role === "vendor_admin" || user.role === "finance"),
  );
  return (
    <Select
      label="Approved by"
      description="Four eyes: someone else who may adjust points approved this change"
      required
      searchable
      data={approvers.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage="No other vendor admin or finance user"
    />
  );
}

/** A manual correction of a rep's points, with a reason and a second approver. */
export function AdjustmentPage() {
  const form = useForm<AdjustmentValues>(empty);
  const { values } = form;
  const staff = useStaff(values.partnerId);
  const reps = (staff.data ?? []).filter((user) => user.role === "sales_rep" || user.role === "partner_admin");
  const balance = useBalance(values.userId ?? undefined, Boolean(values.userId));
  const [done, setDone] = useState<AdjustmentResult | null>(null);
  const adjust = useAdjustment((result) => {
    setDone(result);
    notifications.show({ color: "teal", message: `${signed(result.points)} points posted. New balance: ${points(result.balance.available)}.` });
    form.setValues({ ...empty, partnerId: values.partnerId });
  });

  const submit = form.onSubmit((current) => {
    setDone(null);
    const valid = form.validate({
      userId: (v) => (v ? undefined : "Choose the rep"),
      points: (v) =>
        Number.isInteger(Number(v)) && Number(v) !== 0 && v !== "" ? undefined : "A whole number of points, not 0 (negative takes points away)",
      reason: (v) => (String(v).trim().length >= 3 ? undefined : "Say why: it is kept with the movement and in the audit log"),
      approverId: (v) => (v ? undefined : "Name who approved it"),
    });
    if (!valid) return;
    adjust.mutate(
      { userId: current.userId ?? "", points: Number(current.points), reason: current.reason.trim(), approverId: current.approverId ?? "" },
      { onError: (error) => form.setErrors(fieldErrors(error)) },
    );
  });
  const amount = Number(values.points);
  const after = balance.data && Number.isInteger(amount) ? balance.data.available + amount : null;

  return (
    <Page
      title="Adjust points"
      description="Correct a rep's points by hand. Every adjustment needs a reason and a second person who approved it; it shows on the rep's statement."
    >
      <Paper withBorder p="md" maw={760}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <PartnerFilter value={values.partnerId} onChange={(partnerId) => form.setValues((v) => ({ ...v, partnerId, userId: null }))} />
              <Select
                label="Rep"
                placeholder={values.partnerId ? "Choose a rep" : "Choose the partner first"}
                required
                searchable
                disabled={!values.partnerId}
                data={reps.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
                {...form.field("userId")}
              />
            </SimpleGrid>
            {balance.data ? (
              <Text size="sm">
                Now: {points(balance.data.available)} available, {points(balance.data.reserved)} reserved.
                {after !== null && amount !== 0 ? ` After: ${points(after)} available.` : ""}
              </Text>
            ) : null}
            <NumberInput
              label="Points"
              description="Positive adds points, negative takes them away"
              allowDecimal={false}
              thousandSeparator=","
              required
              w={240}
              {...form.field("points")}
            />
            {after !== null && after < 0 ? (
              <Alert color="red" role="alert">
                The rep has only {points(balance.data?.available ?? 0)} available: a balance never goes below zero.
              </Alert>
            ) : null}
            <Textarea label="Reason" required autosize minRows={2} maxLength={1000} {...form.text("reason")} />
            <ApproverField value={values.approverId} onChange={(id) => form.setValue("approverId", id)} error={form.errors.approverId} />
            <ErrorAlert error={Object.values(form.errors).some(Boolean) ? null : adjust.error} title="Not posted" />
            {done ? (
              <Alert color="teal" role="status" title="Adjustment posted">
                {signed(done.points)} points; the rep now has {points(done.balance.available)} available.
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button type="submit" loading={adjust.isPending}>
                Post adjustment
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
