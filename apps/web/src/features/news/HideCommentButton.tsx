import { Button, Group, Popover, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { errorMessage } from "../../api/client";
import type { NewsComment } from "../../api/types";
import { useModerateComment } from "./news.api";

/** Hide or show a comment again, always with a reason (kept with the comment and in the audit log). */
export function HideCommentButton({ postId, comment }: { postId: string; comment: NewsComment }) {
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const moderate = useModerateComment(postId);
  const action = comment.status === "hidden" ? "unhide" : "hide";
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError("Say why, in a few words");
      return;
    }
    moderate.mutate(
      { commentId: comment.id, action, reason: reason.trim() },
      {
        onSuccess: () => {
          setOpened(false);
          setReason("");
          notifications.show({ color: "teal", message: action === "hide" ? "The comment is hidden." : "The comment is shown again." });
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus returnFocus position="bottom-start" withArrow shadow="md" width={300}>
      <Popover.Target>
        <Button size="compact-sm" variant="subtle" color={action === "hide" ? "red" : "gray"} onClick={() => setOpened((value) => !value)}>
          {action === "hide" ? "Hide" : "Unhide"}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <TextInput
              label={action === "hide" ? "Why hide it?" : "Why show it again?"}
              description="Kept with the comment."
              value={reason}
              error={error}
              maxLength={500}
              data-autofocus
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setError(undefined);
              }}
            />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button size="xs" type="submit" color={action === "hide" ? "red" : undefined} loading={moderate.isPending}>
                {action === "hide" ? "Hide comment" : "Show comment"}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
