import { Button, type ButtonProps, Group, Popover, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";

interface ConfirmButtonProps extends Omit<ButtonProps, "children"> {
  children: ReactNode;
  /** The question, e.g. "Deactivate Ana? She can no longer sign in." */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
}

/** A button that asks once before doing something hard to undo. */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, loading, color = "red", ...props }: ConfirmButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus returnFocus position="bottom-end" withArrow shadow="md" width={280}>
      <Popover.Target>
        <Button color={color} loading={loading} onClick={() => setOpened((value) => !value)} {...props}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color={color}
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
