import { Text } from "@mantine/core";

/** The signed-in user and their role in the header. */
export function UserName({ name, who }: { name: string; who: string }) {
  return (
    <>
      <Text size="sm" fw={600} lh={1.2}>
        {name}
      </Text>
      <Text size="xs" c="dimmed" lh={1.2}>
        {who}
      </Text>
    </>
  );
}
