import { Anchor, Breadcrumbs, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { fieldErrors } from "../../api/client";
import type { ClaimDetail } from "../../api/incentives-types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { ClaimView } from "./ClaimView";
import { useClaim, useReviewClaim } from "./claims.api";
import { points } from "./incentives.labels";

type Dialog = "approve" | "reject" | "reverse";

const dialogText: Record<Dialog, { title: string; label: string; button: string; required: boolean }> = {
  approve: { title: "Approve the claim", label: "Note (optional)", button: "Approve and pay", required: false },
  reject: { title: "Reject the claim", label: "Reason (the rep sees it)", button: "Reject", required: true },
  reverse: { title: "Reverse the approved claim", label: "Reason (the rep sees it)", button: "Reverse", required: true },
};

function DecisionModal({ claim, dialog, onClose }: { claim: ClaimDetail; dialog: Dialog; onClose: () => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const review = useReviewClaim(claim.id, (decided) => {
    notifications.show({
      color: "teal",
      message:
        dialog === "approve"
          ? `Approved: ${points(decided.points)} paid to ${decided.rep.name}.`
          : dialog === "reject"
            ? `Rejected. ${decided.rep.name} can claim its serial numbers again.`
            : `Reversed: ${points(decided.reversedPoints ?? 0)} taken back${decided.shortfallPoints ? `, ${points(decided.shortfallPoints)} owed` : ""}.`,
    });
    onClose();
  });
  const copy = dialogText[dialog];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = text.trim();
    if (copy.required && value.length < 3) {
      setError("Give a reason of at least 3 characters");
      return;
    }
    const decision = dialog === "approve" ? { action: dialog, note: value || undefined } : { action: dialog, reason: value };
    review.mutate(decision, { onError: (failure) => setError(fieldErrors(failure).reason ?? fieldErrors(failure).note) });
  };
  return (
    <Modal opened onClose={onClose} title={copy.title}>
      <form onSubmit={onSubmit}>
        <Stack>
          <Text size="sm">
            {dialog === "approve"
              ? `The claim is scored again as things stand now and the points are paid to ${claim.rep.name} at once.`
              : dialog === "reject"
                ? "No points move; the serial numbers are freed so a corrected claim can use them."
                : `The points go back to the program. If ${claim.rep.name} has spent some, what is missing is owed and comes out of the next approved claims.`}
          </Text>
          <Textarea
            label={copy.label}
            required={copy.required}
            autosize
            minRows={2}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <ErrorAlert error={error ? null : review.error} title="Not done" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={dialog === "approve" ? "teal" : "red"} loading={review.isPending}>
              {copy.button}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReviewActions({ claim }: { claim: ClaimDetail }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (claim.status !== "pending" && claim.status !== "approved") return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Your decision
        </Title>
        <Group gap="sm">
          {claim.status === "pending" ? (
            <>
              <Button color="teal" onClick={() => setDialog("approve")}>
                Approve
              </Button>
              <Button color="red" variant="light" onClick={() => setDialog("reject")}>
                Reject
              </Button>
            </>
          ) : (
            <Button color="red" variant="light" onClick={() => setDialog("reverse")}>
              Reverse
            </Button>
          )}
        </Group>
      </Stack>
      {dialog ? <DecisionModal claim={claim} dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </Paper>
  );
}

/** One claim for a reviewer: everything the rep filed, the score, and the decision to take. */
export function VendorClaimPage() {
  const { id = "" } = useParams();
  const claim = useClaim(id);
  const canReview = useCan("incentives:review");
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/incentives" size="sm">
        Claims review
      </Anchor>
    </Breadcrumbs>
  );
  if (claim.isPending) return <PageSkeleton />;
  if (claim.isError)
    return (
      <Page title="Claim" description={crumbs}>
        <ErrorAlert error={claim.error} onRetry={() => void claim.refetch()} />
      </Page>
    );
  return (
    <Page title={`Claim for invoice ${claim.data.invoiceNumber}`} description={crumbs}>
      <ClaimView claim={claim.data} invoiceSlot={canReview ? <ReviewActions claim={claim.data} /> : null} />
    </Page>
  );
}
