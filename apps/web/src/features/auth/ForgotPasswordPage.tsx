import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: (address: string) => api<void>("/auth/password-reset/request", { method: "POST", body: { email: address } }),
  });

  return (
    <Page title="Reset your password">
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal" title="Check your email" role="status">
            If {email.trim()} belongs to a Trellis account, a link to set a new password is on its way. The link works for a limited time.
          </Alert>
          <Anchor component={Link} to="/login">
            Back to sign in
          </Anchor>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate(email.trim());
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              Enter the email you sign in with. We will send you a link to choose a new password.
            </Text>
            <ErrorAlert error={request.error} />
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              autoFocus
            />
            <Button type="submit" loading={request.isPending}>
              Send reset link
            </Button>
            <Anchor component={Link} to="/login" size="sm">
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      )}
    </Page>
  );
}
