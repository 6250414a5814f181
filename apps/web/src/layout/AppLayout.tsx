import { Anchor, AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { isPartnerRole, roleLabels } from "@trellis/shared";
import { Fragment, lazy, Suspense, useEffect } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { homeOf, useLogout, useUser } from "../auth/session";
import { PageSkeleton } from "../components/Skeletons";
import { activeItem, navFor } from "./nav";
import { UserName } from "./UserName";

// The bell, the user menu and the must-read banner load just after the shell: their popovers would double the first bundle.
const NotificationBell = lazy(async () => ({ default: (await import("../features/notifications/NotificationBell")).NotificationBell }));
const UserMenu = lazy(async () => ({ default: (await import("./UserMenu")).UserMenu }));
const MustReadBanner = lazy(async () => ({ default: (await import("../features/news/MustReadBanner")).MustReadBanner }));

function Brand({ to }: { to: string }) {
  return (
    <Anchor component={Link} to={to} underline="never" fw={700} fz="lg" c="teal.8" aria-label="Trellis home">
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        Trellis
      </Group>
    </Anchor>
  );
}

export function AppLayout() {
  const user = useUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const items = navFor(user.role);
  const active = activeItem(items, location.pathname);
  const who = isPartnerRole(user.role) && user.partnerName ? `${roleLabels[user.role]} · ${user.partnerName}` : roleLabels[user.role];

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => close(), [location.pathname, close]);

  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });

  let lastSection: string | undefined;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? "Close navigation" : "Open navigation"} />
            <Brand to={homeOf(user)} />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Suspense fallback={<Box w={34} h={34} aria-hidden />}>
              <NotificationBell />
            </Suspense>
            <Box visibleFrom="sm">
              <Suspense
                fallback={
                  <Box ta="right">
                    <UserName name={user.name} who={who} />
                  </Box>
                }
              >
                <UserMenu name={user.name} who={who} />
              </Suspense>
            </Box>
            <Button variant="default" size="xs" onClick={signOut} loading={logout.isPending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section hiddenFrom="sm" px="xs" pb="xs">
          <Text size="sm" fw={600}>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {who}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2} component="nav">
            {items.map((item) => {
              const heading = item.section !== lastSection ? item.section : undefined;
              lastSection = item.section;
              return (
                <Fragment key={item.to}>
                  {heading ? (
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                      {heading}
                    </Text>
                  ) : null}
                  <NavLink
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={active?.to === item.to}
                    aria-current={active?.to === item.to ? "page" : undefined}
                    variant="light"
                  />
                </Fragment>
              );
            })}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1200} mx="auto">
          {isPartnerRole(user.role) ? (
            <Suspense fallback={null}>
              <MustReadBanner />
            </Suspense>
          ) : null}
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
