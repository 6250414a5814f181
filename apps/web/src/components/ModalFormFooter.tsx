import { Button, type ButtonProps, Group } from "@mantine/core";
import { fieldErrors } from "../api/client";
import { ErrorAlert } from "./ErrorAlert";

/**
 * The end of a form in a modal: the request's error when no field shows it, then Cancel and the
 * submit button (busy while the request runs).
 */
export function ModalFormFooter({
  error,
  errorTitle,
  pending,
  submitLabel,
  submitColor,
  onCancel,
}: {
  error: Error | null;
  errorTitle?: string;
  pending: boolean;
  submitLabel: string;
  submitColor?: ButtonProps["color"];
  onCancel: () => void;
}) {
  return (
    <>
      {error && Object.keys(fieldErrors(error)).length === 0 ? <ErrorAlert error={error} title={errorTitle} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" color={submitColor} loading={pending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
