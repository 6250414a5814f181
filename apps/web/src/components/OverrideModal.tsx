import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { type FormEvent, useState } from "react";

interface OverrideModalProps {
  /** The capacity_reached problem's detail, or null when closed. */
  detail: string | null;
  canOverride: boolean;
  pending: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Asked when an action would take the vendor past the partners it can support well. */
export function OverrideModal({ detail, canOverride, pending, onConfirm, onClose }: OverrideModalProps) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < 10) {
      setError("Write at least a sentence (10 characters) on why this partner is worth it");
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Modal opened={detail !== null} onClose={onClose} title="Partner capacity reached">
      <form onSubmit={submit}>
        <Stack>
          <Alert color="orange">{detail}</Alert>
          {canOverride ? (
            <>
              <Textarea
                label="Reason for going over capacity"
                description="Recorded in the audit log."
                autosize
                minRows={3}
                required
                value={reason}
                error={error}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setError(undefined);
                }}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" color="orange" loading={pending}>
                  Override and continue
                </Button>
              </Group>
            </>
          ) : (
            <Group justify="space-between">
              <Text size="sm">Only a vendor admin can go over capacity, with a written reason.</Text>
              <Button onClick={onClose}>Understood</Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
