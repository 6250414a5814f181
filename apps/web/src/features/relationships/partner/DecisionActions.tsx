import { Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { errorMessage, fieldErrors } from "../../../api/client";
import type { ActionSide, CloseOutcome, Decision, DecisionAction, ReviewOutcome } from "../../../api/relationship-decisions-types";
import { ModalFormFooter } from "../../../components/ModalFormFooter";
import { formatDate } from "../../../lib/format";
import { actionStatusColors, actionStatusLabels, reviewOutcomeLabels } from "./labels";
import { dayFromToday, useAddAction, useCloseDecision, useRecordReview, useUpdateAction } from "./relationship.api";

// The open decision's working parts: its actions (mark done / missed), and the three dialogs that
// move it on: add an action, record a review, close it.

type Errors = Record<string, string | undefined>;

function isOverdue(action: DecisionAction): boolean {
  return action.status === "open" && action.dueOn < dayFromToday(0);
}

export function ActionList({ decision, canWrite }: { decision: Decision; canWrite: boolean }) {
  const update = useUpdateAction(decision.partnerId, decision.id);
  const mark = (action: DecisionAction, status: DecisionAction["status"]) =>
    update.mutate(
      { actionId: action.id, status },
      {
        onSuccess: () => notifications.show({ color: "teal", message: `“${action.title}” marked ${actionStatusLabels[status].toLowerCase()}.` }),
        onError: (error) => notifications.show({ color: "red", title: "The action did not change", message: errorMessage(error) }),
      },
    );
  if (decision.actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No actions yet.{canWrite && decision.status === "open" ? " Add what each side will do, with a due date." : ""}
      </Text>
    );
  }
  const sides: ActionSide[] = ["vendor", "partner"];
  return (
    <Stack gap="sm">
      {sides.map((side) => {
        const actions = decision.actions.filter((action) => action.side === side);
        if (actions.length === 0) return null;
        return (
          <Stack key={side} gap={6}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {side === "vendor" ? "Vendor actions" : "Partner actions"}
            </Text>
            {actions.map((action) => (
              <Paper key={action.id} withBorder p="xs" radius="sm" aria-label={`Action: ${action.title}`}>
                <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {action.title}
                    </Text>
                    <Text size="xs" c={isOverdue(action) ? "red.7" : "dimmed"}>
                      {action.owner} · due {formatDate(action.dueOn)}
                      {isOverdue(action) ? " · overdue" : ""}
                    </Text>
                  </Stack>
                  <Badge color={actionStatusColors[action.status]} variant="light" style={{ flexShrink: 0 }}>
                    {actionStatusLabels[action.status]}
                  </Badge>
                </Group>
                {canWrite && decision.status === "open" ? (
                  <Group gap={6} mt={6}>
                    {action.status !== "done" ? (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="teal"
                        onClick={() => mark(action, "done")}
                        aria-label={`Mark “${action.title}” done`}
                      >
                        Mark done
                      </Button>
                    ) : null}
                    {action.status !== "missed" ? (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="red"
                        onClick={() => mark(action, "missed")}
                        aria-label={`Mark “${action.title}” missed`}
                      >
                        Mark missed
                      </Button>
                    ) : null}
                    {action.status !== "open" ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="gray"
                        onClick={() => mark(action, "open")}
                        aria-label={`Reopen “${action.title}”`}
                      >
                        Reopen
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Paper>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

export function AddActionButton({ decision }: { decision: Decision }) {
  const [opened, { open, close }] = useDisclosure(false);
  const add = useAddAction(decision.partnerId, decision.id);
  const [side, setSide] = useState<ActionSide>("partner");
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [dueOn, setDueOn] = useState(dayFromToday(30));
  const [errors, setErrors] = useState<Errors>({});
  const dismiss = () => {
    close();
    setTitle("");
    setOwner("");
    setErrors({});
    add.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (!title.trim()) found.title = "Say what is to be done";
    if (!owner.trim()) found.owner = "Name who does it";
    if (!dueOn) found.dueOn = "Choose a due date";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { side, title: title.trim(), owner: owner.trim(), dueOn },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: "Action added." });
          dismiss();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button variant="default" size="xs" onClick={open}>
        Add action
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Add an action">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label="Side"
              data={[
                { value: "vendor", label: "Vendor" },
                { value: "partner", label: "Partner" },
              ]}
              value={side}
              onChange={(event) => setSide(event.currentTarget.value as ActionSide)}
            />
            <TextInput
              label="Title"
              required
              maxLength={300}
              value={title}
              error={errors.title}
              onChange={(event) => setTitle(event.currentTarget.value)}
            />
            <TextInput
              label="Owner"
              required
              maxLength={200}
              value={owner}
              error={errors.owner}
              onChange={(event) => setOwner(event.currentTarget.value)}
            />
            <TextInput
              label="Due date"
              type="date"
              required
              value={dueOn}
              error={errors.dueOn}
              onChange={(event) => setDueOn(event.currentTarget.value)}
            />
            <ModalFormFooter error={add.error} pending={add.isPending} submitLabel="Add action" onCancel={dismiss} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function ReviewButton({ decision }: { decision: Decision }) {
  const [opened, { open, close }] = useDisclosure(false);
  const review = useRecordReview(decision.partnerId, decision.id);
  // A cut can only continue (or be closed as withdrawn): escalating or cutting again means nothing.
  const outcomes: ReviewOutcome[] = decision.kind === "cut" ? ["continue", "improved"] : ["continue", "improved", "escalate", "cut"];
  const [outcome, setOutcome] = useState<ReviewOutcome>("continue");
  const [note, setNote] = useState("");
  const [nextReviewOn, setNextReviewOn] = useState(dayFromToday(30));
  const [errors, setErrors] = useState<Errors>({});
  const closes = outcome === "escalate" || outcome === "cut";
  const needsNext = !closes && decision.kind !== "cut";
  const dismiss = () => {
    close();
    setNote("");
    setErrors({});
    review.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (!note.trim()) found.note = "Say what the review found";
    if (needsNext && !nextReviewOn) found.nextReviewOn = "Choose the next review date";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    review.mutate(
      { outcome, note: note.trim(), ...(needsNext ? { nextReviewOn } : {}) },
      {
        onSuccess: () => {
          notifications.show({
            color: "teal",
            message: closes ? "Review recorded; the decision is closed. Record the next decision." : "Review recorded.",
          });
          dismiss();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button size="xs" onClick={open}>
        Record review
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Record a review">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label="Outcome"
              data={outcomes.map((value) => ({ value, label: reviewOutcomeLabels[value] }))}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value as ReviewOutcome)}
            />
            <Textarea
              label="Review note"
              required
              autosize
              minRows={3}
              maxLength={4000}
              value={note}
              error={errors.note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            {needsNext ? (
              <TextInput
                label="Next review date"
                type="date"
                required
                min={dayFromToday(0)}
                value={nextReviewOn}
                error={errors.nextReviewOn}
                onChange={(event) => setNextReviewOn(event.currentTarget.value)}
              />
            ) : null}
            {closes ? (
              <Text size="sm" c="dimmed">
                This closes the decision. Record the next one (for example a cut) from the panel afterwards.
              </Text>
            ) : null}
            <ModalFormFooter error={review.error} pending={review.isPending} submitLabel="Record review" onCancel={dismiss} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function CloseDecisionButton({ decision }: { decision: Decision }) {
  const [opened, { open, close }] = useDisclosure(false);
  const closeDecision = useCloseDecision(decision.partnerId, decision.id);
  const outcomes: CloseOutcome[] = decision.kind === "cut" ? ["withdrawn"] : ["resolved", "withdrawn"];
  const [outcome, setOutcome] = useState<CloseOutcome>(outcomes[0] ?? "withdrawn");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const dismiss = () => {
    close();
    setReason("");
    setErrors({});
    closeDecision.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: "Say why the decision closes" });
      return;
    }
    closeDecision.mutate(
      { outcome, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: "Decision closed." });
          dismiss();
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        {decision.kind === "cut" ? "Withdraw cut" : "Close decision"}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={decision.kind === "cut" ? "Withdraw the cut" : "Close the decision"}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label="Closing outcome"
              data={outcomes.map((value) => ({
                value,
                label: value === "resolved" ? "Resolved: the problem is fixed" : "Withdrawn: no longer needed",
              }))}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value as CloseOutcome)}
            />
            <Textarea
              label="Closing reason"
              required
              autosize
              minRows={2}
              maxLength={4000}
              value={reason}
              error={errors.reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            {decision.kind === "cut" ? (
              <Text size="sm" c="dimmed">
                Withdrawing stops the offboarding. Users already deactivated stay deactivated until someone reactivates them.
              </Text>
            ) : null}
            <ModalFormFooter
              error={closeDecision.error}
              pending={closeDecision.isPending}
              submitLabel={decision.kind === "cut" ? "Withdraw cut" : "Close decision"}
              submitColor={decision.kind === "cut" ? "red" : undefined}
              onCancel={dismiss}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
