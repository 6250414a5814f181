import { Alert, Button } from "@mantine/core";
import { ApiError, errorMessage } from "../api/client";

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows an API problem's detail (never a stack trace). */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  if (!error) return null;
  const heading = title ?? (error instanceof ApiError ? error.problem.title : "Something went wrong");
  return (
    <Alert color="red" title={heading} role="alert">
      {errorMessage(error)}
      {onRetry ? (
        <Button variant="subtle" color="red" size="compact-sm" ml="xs" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  );
}
