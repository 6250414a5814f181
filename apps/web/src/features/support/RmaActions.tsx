import { Button, Group, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { RmaStatus } from "@trellis/shared";
import { useState } from "react";
import { errorMessage, fieldErrors } from "../../api/client";
import type { Rma } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useUpdateRma } from "./rmas.api";
import { rmaActionLabels, rmaStatusLabels } from "./support-admin.labels";

/** The agent's "replaced" step: the new unit's serial is required and checked against the product's pattern by the server. */
function ReplacedModal({ rma, onClose }: { rma: Rma; onClose: () => void }) {
  const update = useUpdateRma();
  const [serial, setSerial] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal opened onClose={onClose} title={`RMA ${rma.number}: unit replaced`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = serial.trim();
          if (!value) {
            setError("Enter the serial number of the unit sent as replacement");
            return;
          }
          update.mutate(
            { id: rma.id, patch: { status: "replaced", replacementSerial: value } },
            {
              onSuccess: () => {
                notifications.show({ color: "teal", message: `RMA ${rma.number} marked replaced by ${value}. The requester is emailed.` });
                onClose();
              },
              onError: (failure) => setError(fieldErrors(failure).replacementSerial ?? undefined),
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">
            {rma.product.name} ({rma.product.sku}), defective unit <strong>{rma.serial}</strong>, {rma.partner.name}.
          </Text>
          <ErrorAlert error={error ? null : update.error} title="Not changed" />
          <TextInput
            label="Replacement serial number"
            description="The serial of the unit sent to the partner; it must fit the product's serial pattern."
            required
            data-autofocus
            value={serial}
            onChange={(event) => {
              setSerial(event.currentTarget.value);
              setError(undefined);
            }}
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Mark replaced
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelModal({ rma, onClose }: { rma: Rma; onClose: () => void }) {
  const update = useUpdateRma();
  return (
    <Modal opened onClose={onClose} title={`Cancel RMA ${rma.number}?`}>
      <Stack>
        <Text size="sm">
          The partner will no longer return {rma.product.name} serial <strong>{rma.serial}</strong>. The requester is emailed. This cannot be undone;
          authorise a new RMA from the ticket if needed.
        </Text>
        <ErrorAlert error={update.error} title="Not cancelled" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: rma.id, patch: { status: "cancelled" } },
                {
                  onSuccess: () => {
                    notifications.show({ color: "teal", message: `RMA ${rma.number} cancelled.` });
                    onClose();
                  },
                },
              )
            }
          >
            Cancel RMA
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The moves this viewer may make, as the server lists them in `allowedStatuses`. */
export function RmaActions({ rma }: { rma: Rma }) {
  const update = useUpdateRma();
  const [dialog, setDialog] = useState<"replaced" | "cancelled" | null>(null);
  if (rma.allowedStatuses.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const move = (status: RmaStatus) => {
    if (status === "replaced" || status === "cancelled") {
      setDialog(status);
      return;
    }
    update.mutate(
      { id: rma.id, patch: { status } },
      {
        onSuccess: () => notifications.show({ color: "teal", message: `RMA ${rma.number}: ${rmaStatusLabels[status].toLowerCase()}.` }),
        onError: (failure) => notifications.show({ color: "red", title: `RMA ${rma.number} not changed`, message: errorMessage(failure) }),
      },
    );
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" loading={update.isPending} aria-label={`Update RMA ${rma.number}`}>
            Update ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {rma.allowedStatuses.map((status) => (
            <Menu.Item key={status} color={status === "cancelled" ? "red" : undefined} onClick={() => move(status)}>
              {rmaActionLabels[status]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {dialog === "replaced" ? <ReplacedModal rma={rma} onClose={() => setDialog(null)} /> : null}
      {dialog === "cancelled" ? <CancelModal rma={rma} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
