import { Alert, Anchor, Button, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { roleLabels } from "@trellis/shared";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, fieldErrors } from "../../api/client";
import type { Invitation, SignedIn } from "../../api/types";
import { homeOf, useSignedIn } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { formatDateTime } from "../../lib/format";
import { checkNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";

function InvitationProblem({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 410) {
    return (
      <Alert color="red" title={status === 410 ? "This invitation has expired" : "This invitation is not valid"} role="alert">
        {status === 410 ? "Ask the person who invited you to send a new invitation." : "It may have been used already. "}
        {status === 404 ? (
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
        ) : null}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api<Invitation>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
  });
  const [name, setName] = useState<string | null>(null);
  const [value, setValue] = useState<NewPassword>({ password: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof NewPassword | "name", string>>>({});
  const accept = useMutation({
    mutationFn: (input: { password: string; name?: string }) => api<SignedIn>("/invitations/accept", { method: "POST", body: { token, ...input } }),
    onSuccess: (result) => {
      signedIn(result);
      navigate(homeOf(result.user), { replace: true });
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      setErrors({ password: fields.password, name: fields.name });
    },
  });

  if (!token) {
    return (
      <Page title="Accept invitation">
        <Alert color="red" title="This link is incomplete">
          Open the invitation link from your email again.
        </Alert>
      </Page>
    );
  }

  const data = invitation.data;
  const shownName = name ?? data?.name ?? "";
  return (
    <Page title="Accept invitation">
      {invitation.isPending ? (
        <Stack aria-busy="true">
          <Skeleton height={20} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : invitation.isError ? (
        <InvitationProblem error={invitation.error} />
      ) : data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const found = { ...checkNewPassword(value), ...(shownName.trim() ? {} : { name: "Enter your name" }) };
            setErrors(found);
            if (Object.keys(found).length === 0) accept.mutate({ password: value.password, name: shownName.trim() });
          }}
        >
          <Stack>
            <Text>
              <strong>{data.email}</strong> is invited to Trellis as <strong>{roleLabels[data.role]}</strong>
              {data.partnerName ? (
                <>
                  {" "}
                  of <strong>{data.partnerName}</strong>
                </>
              ) : null}
              . Choose a password to finish.
            </Text>
            <Text size="xs" c="dimmed">
              The invitation expires {formatDateTime(data.expiresAt)}.
            </Text>
            <ErrorAlert error={accept.error} />
            <TextInput
              label="Name"
              autoComplete="name"
              required
              value={shownName}
              error={errors.name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <NewPasswordFields value={value} errors={errors} onChange={setValue} />
            <Button type="submit" loading={accept.isPending}>
              Set password
            </Button>
          </Stack>
        </form>
      ) : null}
    </Page>
  );
}
