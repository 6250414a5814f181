import { Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../../api/client";
import type { FulfilInput, Redemption } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { points } from "../incentives/incentives.labels";
import { shippedKinds } from "./RedeemModal";
import { useApproveRedemption, useCancelRedemption, useFulfil } from "./rewards.api";

type Method = FulfilInput["method"];

function FulfilModal({ redemption, onClose }: { redemption: Redemption; onClose: () => void }) {
  const shipped = shippedKinds.includes(redemption.reward.kind);
  const [method, setMethod] = useState<Method>(shipped ? "shipped" : "code_sent");
  const [detail, setDetail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const fulfil = useFulfil(redemption.id, (done) => {
    notifications.show({ color: "teal", message: `${done.reward.name} for ${done.rep.name} fulfilled; ${points(done.points)} redeemed.` });
    onClose();
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = detail.trim();
    if (method !== "delivered" && value.length < 3) {
      setError(method === "shipped" ? "Enter the tracking number" : "Enter the voucher code");
      return;
    }
    const input: FulfilInput =
      method === "shipped" ? { method, trackingNumber: value } : method === "code_sent" ? { method, voucherCode: value } : { method };
    fulfil.mutate(input, {
      onError: (failure) => {
        const fields = fieldErrors(failure);
        setError(fields.trackingNumber ?? fields.voucherCode);
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={`Fulfil ${redemption.quantity} x ${redemption.reward.name}`}>
      <form onSubmit={onSubmit}>
        <Stack>
          <Text size="sm">
            For {redemption.rep.name} ({redemption.partner.name}). The {points(redemption.points)} held for it are redeemed.
          </Text>
          {redemption.shippingAddress ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              Ship to: {redemption.shippingAddress}
            </Text>
          ) : null}
          <Radio.Group label="How it reached the rep" value={method} onChange={(next) => setMethod(next as Method)}>
            <Stack gap={6} mt={6}>
              <Radio value="shipped" label="Shipped, with a tracking number" />
              <Radio value="delivered" label="Delivered by hand" />
              <Radio value="code_sent" label="Voucher code sent" />
            </Stack>
          </Radio.Group>
          {method === "delivered" ? null : (
            <TextInput
              label={method === "shipped" ? "Tracking number" : "Voucher code"}
              description={method === "code_sent" ? "Shown to the rep only; never written to the audit log" : undefined}
              required
              value={detail}
              onChange={(event) => {
                setDetail(event.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              data-autofocus
            />
          )}
          <ErrorAlert error={error ? null : fulfil.error} title="Not fulfilled" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={fulfil.isPending}>
              Mark fulfilled
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelModal({ redemption, onClose }: { redemption: Redemption; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const cancel = useCancelRedemption(redemption.id, (done) => {
    notifications.show({ color: "teal", message: `Cancelled; ${points(done.points)} returned to ${done.rep.name}.` });
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`Cancel ${redemption.quantity} x ${redemption.reward.name}?`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim().length < 3) {
            setError("Tell the rep why, in a few words");
            return;
          }
          cancel.mutate({ reason: reason.trim() }, { onError: (failure) => setError(fieldErrors(failure).reason) });
        }}
      >
        <Stack>
          <Text size="sm">
            The {points(redemption.points)} go back to {redemption.rep.name} and the stock returns to the catalog.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <ErrorAlert error={error ? null : cancel.error} title="Not cancelled" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel redemption
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Finance's moves on one redemption, as the server allows them now (`allowedActions`). */
export function RedemptionActions({ redemption }: { redemption: Redemption }) {
  const [dialog, setDialog] = useState<"fulfil" | "cancel" | null>(null);
  const approve = useApproveRedemption();
  const delivered = useFulfil(redemption.id, () => notifications.show({ color: "teal", message: `${redemption.reward.name} marked delivered.` }));
  const actions = redemption.allowedActions;
  if (actions.length === 0) return null;
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="nowrap">
        {actions.includes("approve") ? (
          <Button size="xs" loading={approve.isPending} onClick={() => approve.mutate(redemption.id)}>
            Approve
          </Button>
        ) : null}
        {actions.includes("fulfil") ? (
          <Button size="xs" onClick={() => setDialog("fulfil")}>
            Fulfil
          </Button>
        ) : null}
        {actions.includes("mark_delivered") ? (
          <Button size="xs" variant="default" loading={delivered.isPending} onClick={() => delivered.mutate({ method: "delivered" })}>
            Mark delivered
          </Button>
        ) : null}
        {actions.includes("cancel") ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setDialog("cancel")}>
            Cancel
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={approve.error ?? delivered.error} title="Not done" />
      {dialog === "fulfil" ? <FulfilModal redemption={redemption} onClose={() => setDialog(null)} /> : null}
      {dialog === "cancel" ? <CancelModal redemption={redemption} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
