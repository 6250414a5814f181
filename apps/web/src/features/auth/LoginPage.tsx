import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { homeOf, safeNext, useLogin } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";

function loginError(error: unknown): Error {
  if (error instanceof ApiError && (error.status === 401 || error.status === 400)) return new Error("The email or password is not right. Try again.");
  return error instanceof Error ? error : new Error("Sign-in failed");
}

export function LoginPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();

  return (
    <Page title="Sign in">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate(
            { email: email.trim(), password },
            { onSuccess: (result) => navigate(safeNext(params.get("next")) ?? homeOf(result.user), { replace: true }) },
          );
        }}
      >
        <Stack>
          {login.isError ? <ErrorAlert error={loginError(login.error)} title="Could not sign in" /> : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
            <Button type="submit" loading={login.isPending}>
              Sign in
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            A reseller that wants to sell our equipment?{" "}
            <Anchor component={Link} to="/apply">
              Apply to become a partner
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Page>
  );
}
