import { Alert, Anchor, Button, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, fieldErrors, isProblem } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { checkNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [value, setValue] = useState<NewPassword>({ password: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof NewPassword, string>>>({});
  const confirm = useMutation({
    mutationFn: (password: string) => api<void>("/auth/password-reset/confirm", { method: "POST", body: { token, password } }),
    onError: (error) => setErrors({ password: fieldErrors(error).password }),
  });

  if (!token) {
    return (
      <Page title="Set a new password">
        <Alert color="red" title="This link is incomplete">
          Open the link from the email again, or{" "}
          <Anchor component={Link} to="/forgot-password">
            ask for a new one
          </Anchor>
          .
        </Alert>
      </Page>
    );
  }

  return (
    <Page title="Set a new password">
      {confirm.isSuccess ? (
        <Stack>
          <Alert color="teal" title="Password changed" role="status">
            Your new password is set and your other sessions were signed out.
          </Alert>
          <Button component={Link} to="/login">
            Sign in
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const found = checkNewPassword(value);
            setErrors(found);
            if (Object.keys(found).length === 0) confirm.mutate(value.password);
          }}
        >
          <Stack>
            {isProblem(confirm.error, "invalid_token") ? (
              <Alert color="red" title="This link no longer works" role="alert">
                It was used already or it expired.{" "}
                <Anchor component={Link} to="/forgot-password">
                  Ask for a new link
                </Anchor>
                .
              </Alert>
            ) : (
              <ErrorAlert error={confirm.error} />
            )}
            <NewPasswordFields value={value} errors={errors} onChange={setValue} />
            <Button type="submit" loading={confirm.isPending}>
              Set password
            </Button>
          </Stack>
        </form>
      )}
    </Page>
  );
}
