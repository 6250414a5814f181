import { Anchor, Box, Center, Container, Group, Paper } from "@mantine/core";
import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { PageSkeleton } from "../components/Skeletons";

/** Sign-in, password reset, invitation: a narrow card. */
export function PublicLayout() {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: "md", xs: "xl" }} px={{ base: 6, xs: "sm" }}>
      <Center mb="lg">
        <Anchor component={Link} to="/login" underline="never" fw={700} fz="xl" c="teal.8">
          <Group gap={8}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            Trellis
          </Group>
        </Anchor>
      </Center>
      <Container size={440} px={0}>
        <Paper withBorder shadow="sm" p={{ base: "sm", xs: "xl" }} radius="md" component="main" id="main">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Paper>
      </Container>
    </Box>
  );
}

/** The public application form: wider. */
export function WidePublicLayout() {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: "md", xs: "xl" }} px={{ base: 6, xs: "sm" }}>
      <Center mb="lg">
        <Group gap={8} fw={700} fz="xl" c="teal.8">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Trellis
        </Group>
      </Center>
      <Container size={760} px={0}>
        <Paper withBorder shadow="sm" p={{ base: "sm", xs: "xl" }} radius="md" component="main" id="main">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Paper>
      </Container>
    </Box>
  );
}
