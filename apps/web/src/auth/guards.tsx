import { Center, Loader } from "@mantine/core";
import { isPartnerRole, type Permission, roleHas } from "@trellis/shared";
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { ErrorAlert } from "../components/ErrorAlert";
import { Page } from "../components/Page";
import { homeOf, safeNext, useMe } from "./session";

function FullPageLoader() {
  return (
    <Center h="100dvh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function MeError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Center h="100dvh" p="md">
      <ErrorAlert error={error} title="Trellis could not reach its server" onRetry={retry} />
    </Center>
  );
}

/** Signed-in routes: without a session, go to /login?next=<here>. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <MeError error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** /login and friends: a signed-in user goes straight on. */
export function PublicOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={safeNext(params.get("next")) ?? homeOf(me.data)} replace />;
  return <Outlet />;
}

export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  return <Navigate to={me.data ? homeOf(me.data) : "/login"} replace />;
}

export function VendorOnly() {
  const { data } = useMe();
  if (data && isPartnerRole(data.role)) return <Navigate to="/portal" replace />;
  return <Outlet />;
}

export function PartnerOnly() {
  const { data } = useMe();
  if (data && !isPartnerRole(data.role)) return <Navigate to="/partners" replace />;
  return <Outlet />;
}

export function NotAllowed() {
  return (
    <Page title="Not allowed">
      <ErrorAlert error={new Error("Your role does not include this page. Ask a vendor admin if you need it.")} title="You cannot open this page" />
    </Page>
  );
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useMe();
  if (!data || !roleHas(data.role, permission)) return <NotAllowed />;
  return children;
}
