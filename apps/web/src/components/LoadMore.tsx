import { Button, Center, Text } from "@mantine/core";

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  shown: number;
}

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, shown }: LoadMoreProps) {
  return (
    <Center py="sm">
      {hasNextPage ? (
        <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
          Load more
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {shown === 1 ? "1 shown" : `${shown} shown`} · end of list
        </Text>
      )}
    </Center>
  );
}
