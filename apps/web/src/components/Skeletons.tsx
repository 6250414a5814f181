import { Skeleton, Stack } from "@mantine/core";

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      <Skeleton height={36} />
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} height={28} opacity={1 - index * 0.1} />
      ))}
    </Stack>
  );
}

export function PageSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true" aria-label="Loading page">
      <Skeleton height={34} width="40%" />
      <Skeleton height={16} width="70%" />
      <TableSkeleton rows={5} />
    </Stack>
  );
}
