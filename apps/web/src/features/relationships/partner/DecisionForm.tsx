import { ActionIcon, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../../../api/client";
import type { ActionInput, ActionSide, DecisionInput, DecisionKind } from "../../../api/relationship-decisions-types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { decisionLabels } from "../portfolio.format";
import { type ActionRow, type CutDates, decisionProblems, type Errors } from "./decision.form";
import { decisionHelp } from "./labels";
import { dayFromToday, useCreateDecision } from "./relationship.api";

// "Record a decision": fix (a plan of dated actions for both sides and a review date), watch (a
// review date) or cut (notice, access reduced, removed). The labels are stable for end-to-end
// tests: "Decision", "Reason", "Review date", "Action 1 title"..., and the "Record decision" button.

const sideOptions = [
  { value: "vendor", label: "Vendor" },
  { value: "partner", label: "Partner" },
];

let nextKey = 1;
const emptyAction = (side: ActionSide = "partner"): ActionRow => ({ key: nextKey++, side, title: "", owner: "", dueOn: dayFromToday(30) });

export function DecisionForm({ partnerId, partnerName, onRecorded }: { partnerId: string; partnerName: string; onRecorded?: () => void }) {
  const create = useCreateDecision(partnerId);
  const [kind, setKind] = useState<DecisionKind>("fix");
  const [reason, setReason] = useState("");
  const [reviewOn, setReviewOn] = useState(dayFromToday(30));
  const [actions, setActions] = useState<ActionRow[]>(() => [emptyAction("partner")]);
  const [cut, setCut] = useState<CutDates>({ noticeOn: dayFromToday(0), reduceOn: dayFromToday(30), endOn: dayFromToday(90) });
  const [errors, setErrors] = useState<Errors>({});

  const clear = (key: string) => setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
  const setAction = (index: number, change: Partial<ActionInput>) => {
    setActions((rows) => rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
    for (const field of Object.keys(change)) clear(`actions.${index}.${field}`);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = decisionProblems(kind, reason, reviewOn, actions, cut);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const input: DecisionInput = {
      kind,
      reason: reason.trim(),
      ...(kind === "cut" ? { cut } : { reviewOn }),
      actions: kind === "fix" ? actions.map(({ side, title, owner, dueOn }) => ({ side, title: title.trim(), owner: owner.trim(), dueOn })) : [],
    };
    create.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: "teal", message: `${decisionLabels[kind]} decision recorded for ${partnerName}.` });
        onRecorded?.();
      },
      onError: (error) => setErrors(fieldErrors(error)),
    });
  };

  const fieldProblems = Object.keys(fieldErrors(create.error)).length > 0;
  return (
    <form onSubmit={submit} noValidate data-testid="decision-form">
      <Stack gap="sm">
        <NativeSelect
          label="Decision"
          description={decisionHelp[kind]}
          data={(["fix", "watch", "cut"] as const).map((value) => ({ value, label: decisionLabels[value] }))}
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value as DecisionKind);
            setErrors({});
          }}
        />
        <Textarea
          label="Reason"
          description="What the figures show and what should change."
          autosize
          minRows={3}
          maxLength={4000}
          required
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            clear("reason");
          }}
        />
        {kind !== "cut" ? (
          <TextInput
            label="Review date"
            type="date"
            required
            min={dayFromToday(0)}
            value={reviewOn}
            error={errors.reviewOn}
            onChange={(event) => {
              setReviewOn(event.currentTarget.value);
              clear("reviewOn");
            }}
          />
        ) : null}
        {kind === "fix" ? (
          <Fieldset legend="Actions" variant="filled" p="sm">
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                What each side does, who does it and by when. Partner-side owners need not be users.
              </Text>
              {actions.map((action, index) => {
                const n = index + 1;
                return (
                  <Stack key={action.key} gap={6} pb="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
                    <Group gap="xs" align="flex-end" wrap="nowrap">
                      <NativeSelect
                        label={`Action ${n} side`}
                        data={sideOptions}
                        value={action.side}
                        onChange={(event) => setAction(index, { side: event.currentTarget.value as ActionSide })}
                        w={110}
                      />
                      <TextInput
                        label={`Action ${n} title`}
                        style={{ flex: 1 }}
                        maxLength={300}
                        value={action.title}
                        error={errors[`actions.${index}.title`]}
                        onChange={(event) => setAction(index, { title: event.currentTarget.value })}
                      />
                    </Group>
                    <Group gap="xs" align="flex-end" wrap="nowrap">
                      <SimpleGrid cols={2} spacing="xs" style={{ flex: 1 }}>
                        <TextInput
                          label={`Action ${n} owner`}
                          maxLength={200}
                          value={action.owner}
                          error={errors[`actions.${index}.owner`]}
                          onChange={(event) => setAction(index, { owner: event.currentTarget.value })}
                        />
                        <TextInput
                          label={`Action ${n} due date`}
                          type="date"
                          value={action.dueOn}
                          error={errors[`actions.${index}.dueOn`]}
                          onChange={(event) => setAction(index, { dueOn: event.currentTarget.value })}
                        />
                      </SimpleGrid>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        mb={errors[`actions.${index}.owner`] || errors[`actions.${index}.dueOn`] ? 22 : 0}
                        aria-label={`Remove action ${n}`}
                        disabled={actions.length === 1}
                        onClick={() => {
                          setActions((rows) => rows.filter((_, at) => at !== index));
                          setErrors({});
                        }}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  </Stack>
                );
              })}
              {errors.actions ? (
                <Text size="sm" c="red.7" role="alert">
                  {errors.actions}
                </Text>
              ) : null}
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  disabled={actions.length >= 50}
                  onClick={() => setActions((rows) => [...rows, emptyAction(rows.length % 2 === 0 ? "partner" : "vendor")])}
                >
                  Add action
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        ) : null}
        {kind === "cut" ? (
          <Fieldset legend="Offboarding dates" variant="filled" p="sm">
            <Stack gap="xs">
              <TextInput
                label="Notice date"
                description="The day notice is (or was) given."
                type="date"
                value={cut.noticeOn}
                error={errors["cut.noticeOn"] ?? errors.cut}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setCut((current) => ({ ...current, noticeOn: value }));
                  clear("cut.noticeOn");
                }}
              />
              <TextInput
                label="Reduce access on"
                description="From this day only the partner's admins can sign in."
                type="date"
                min={dayFromToday(0)}
                value={cut.reduceOn}
                error={errors["cut.reduceOn"]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setCut((current) => ({ ...current, reduceOn: value }));
                  clear("cut.reduceOn");
                }}
              />
              <TextInput
                label="End date"
                description="From this day the partner is terminated and every user deactivated. Its data is kept."
                type="date"
                value={cut.endOn}
                error={errors["cut.endOn"]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setCut((current) => ({ ...current, endOn: value }));
                  clear("cut.endOn");
                }}
              />
            </Stack>
          </Fieldset>
        ) : null}
        {create.error && !fieldProblems ? <ErrorAlert error={create.error} title="The decision was not recorded" /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} color={kind === "cut" ? "red" : undefined}>
            Record decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
