import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { partnerRoles } from "@trellis/shared";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage, isProblem } from "../../api/client";
import type { Partner } from "../../api/types";
import { useCan, useUser } from "../../auth/session";
import { AuditTable } from "../../components/AuditTable";
import { PartnerStatusBadge } from "../../components/Badges";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { PageSkeleton, TableSkeleton } from "../../components/Skeletons";
import { formatDate } from "../../lib/format";
import { PeopleTable } from "../staff/PeopleTable";
import { staffScope } from "../staff/staff.api";
import { LogoCard } from "./LogoCard";
import { changedFields, PartnerForm, partnerInputOf } from "./PartnerForm";
import { useArchivePartner, usePartner, usePartnerActivity, useUpdatePartner } from "./partners.api";
import { useCapacityGate } from "./useCapacityGate";

const tabs = ["profile", "staff", "activity"] as const;
type Tab = (typeof tabs)[number];

function ProfileTab({ partner }: { partner: Partner }) {
  const canWrite = useCan("partners:write");
  const update = useUpdatePartner(partner.id);
  const gate = useCapacityGate();
  return (
    <Stack>
      <Paper withBorder p="md">
        <LogoCard partner={partner} canUpload={canWrite} />
      </Paper>
      <PartnerForm
        key={partner.id}
        partner={partner}
        readOnly={!canWrite || partner.archivedAt !== null}
        submitLabel="Save changes"
        pending={update.isPending}
        error={isProblem(update.error, "capacity_reached") ? null : update.error}
        onSubmit={(input, form) => {
          const patch = changedFields(partnerInputOf(partner), input);
          if (Object.keys(patch).length === 0) {
            notifications.show({ message: "Nothing changed." });
            return;
          }
          const saved = () => notifications.show({ color: "teal", message: `${input.name} was saved.` });
          update.mutate(patch, {
            onSuccess: saved,
            onError: (error) => {
              if (gate.intercept(error, (overrideReason) => update.mutateAsync({ ...patch, overrideReason }).then(saved))) return;
              form.setApiErrors(error);
            },
          });
        }}
      />
      {gate.modal}
    </Stack>
  );
}

function ActivityTab({ partnerId }: { partnerId: string }) {
  const activity = usePartnerActivity(partnerId);
  if (activity.isPending) return <TableSkeleton />;
  if (activity.isError) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  if (activity.items.length === 0) return <Empty title="No activity yet">Changes to this partner and its staff appear here.</Empty>;
  return (
    <Stack gap={0}>
      <AuditTable entries={activity.items} />
      <LoadMore {...activity} shown={activity.items.length} />
    </Stack>
  );
}

function ArchiveButton({ partner }: { partner: Partner }) {
  const archive = useArchivePartner(partner.id);
  const onError = (error: Error) => notifications.show({ color: "red", title: "That did not work", message: errorMessage(error) });
  if (partner.archivedAt) {
    return (
      <Button
        variant="default"
        loading={archive.isPending}
        onClick={() =>
          archive.mutate(false, { onSuccess: () => notifications.show({ color: "teal", message: `${partner.name} was restored.` }), onError })
        }
      >
        Restore
      </Button>
    );
  }
  return (
    <ConfirmButton
      variant="light"
      loading={archive.isPending}
      question={`Archive ${partner.name}? It leaves the partner list and its staff can no longer sign in. Its history stays, and you can restore it.`}
      confirmLabel="Archive"
      onConfirm={() => archive.mutate(true, { onSuccess: () => notifications.show({ message: `${partner.name} was archived.` }), onError })}
    >
      Archive
    </ConfirmButton>
  );
}

export function PartnerPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const partner = usePartner(id);
  const user = useUser();
  const canWrite = useCan("partners:write");
  const canManageStaff = useCan("staff:manage");
  const tab: Tab = tabs.includes(params.get("tab") as Tab) ? (params.get("tab") as Tab) : "profile";

  if (partner.isPending) return <PageSkeleton />;
  if (partner.isError) {
    return (
      <Page title="Partner">
        <ErrorAlert error={partner.error} onRetry={() => void partner.refetch()} />
        <Anchor component={Link} to="/partners">
          Back to partners
        </Anchor>
      </Page>
    );
  }
  const data = partner.data;
  return (
    <Page
      title={data.name}
      description={
        <Group gap="xs">
          <PartnerStatusBadge status={data.status} />
          {data.tierName ? <Badge variant="light">{data.tierName}</Badge> : null}
          {data.archivedAt ? (
            <Badge color="gray" variant="outline">
              Archived {formatDate(data.archivedAt)}
            </Badge>
          ) : null}
          <Text span size="sm" c="dimmed">
            {[data.city, data.country, data.region].filter(Boolean).join(" · ")}
          </Text>
        </Group>
      }
      actions={canWrite ? <ArchiveButton partner={data} /> : null}
    >
      <Breadcrumbs>
        <Anchor component={Link} to="/partners" size="sm">
          Partners
        </Anchor>
        <Text size="sm">{data.name}</Text>
      </Breadcrumbs>
      <Tabs value={tab} onChange={(value) => setParams(value && value !== "profile" ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="profile">Profile</Tabs.Tab>
          <Tabs.Tab value="staff">Staff</Tabs.Tab>
          <Tabs.Tab value="activity">Activity</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <ProfileTab partner={data} />
        </Tabs.Panel>
        <Tabs.Panel value="staff" pt="md">
          <PeopleTable
            scope={staffScope(data.id)}
            roles={partnerRoles}
            canManage={canManageStaff && !data.archivedAt}
            currentUserId={user.id}
            noun="staff member"
            emptyHint={
              canManageStaff ? "Invite the partner's principal first: they can then invite their own team." : "The partner has not added anyone yet."
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="md">
          <ActivityTab partnerId={data.id} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
