import { Alert, Anchor, Badge, Button, Divider, Group, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { fieldErrors, isProblem } from "../../api/client";
import type { Application } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime, formatMoney, humanize } from "../../lib/format";
import { useChannelManagerOptions } from "../partners/channelManagers";
import { countryName } from "../partners/PartnerForm";
import { useCapacityGate } from "../partners/useCapacityGate";
import { useTiers } from "../tiers/tiers.api";
import { type ApproveInput, useApprove, useDecline } from "./applications.api";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: "break-word" }}>
        {children || "—"}
      </Text>
    </div>
  );
}

function list(values: string[]): string {
  return values.length ? values.join(", ") : "";
}

function Decide({ application }: { application: Application }) {
  const tiers = useTiers();
  const managers = useChannelManagerOptions();
  const [tierId, setTierId] = useState<string | null>(null);
  const [managerId, setManagerId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const approve = useApprove(application.id);
  const decline = useDecline(application.id);
  const gate = useCapacityGate();

  const approved = () =>
    notifications.show({
      color: "teal",
      title: "Application approved",
      message: `${application.companyName} is now a partner; its principal was invited.`,
    });

  const runApprove = () => {
    const input: ApproveInput = { tierId: tierId ?? undefined, channelManagerId: managerId ?? undefined };
    approve.mutate(input, {
      onSuccess: approved,
      onError: (error) => {
        gate.intercept(error, (overrideReason) => approve.mutateAsync({ ...input, overrideReason }).then(approved));
      },
    });
  };

  const runDecline = () => {
    if (reason.trim().length < 5) {
      setReasonError("Give the applicant a reason (at least 5 characters)");
      return;
    }
    decline.mutate(reason.trim(), {
      onSuccess: () => notifications.show({ message: `${application.companyName} was declined.` }),
      onError: (error) => setReasonError(fieldErrors(error).reason),
    });
  };

  return (
    <Stack gap="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          runApprove();
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            Approve
          </Title>
          <Text size="sm" c="dimmed">
            Creates the partner (status active) and invites the principal contact as its partner admin.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label="Tier"
              placeholder="No tier"
              clearable
              data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
              value={tierId}
              onChange={setTierId}
            />
            <Select label="Channel manager" placeholder="Nobody yet" clearable searchable data={managers} value={managerId} onChange={setManagerId} />
          </SimpleGrid>
          {approve.isError && !isProblem(approve.error, "capacity_reached") ? <ErrorAlert error={approve.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={approve.isPending}>
              Approve
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          runDecline();
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            Decline
          </Title>
          <Textarea
            label="Reason"
            description="Sent to the applicant. Be specific and kind."
            autosize
            minRows={2}
            value={reason}
            error={reasonError}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setReasonError(undefined);
            }}
          />
          {decline.isError && !fieldErrors(decline.error).reason ? <ErrorAlert error={decline.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" color="red" variant="light" loading={decline.isPending}>
              Decline
            </Button>
          </Group>
        </Stack>
      </form>
      {gate.modal}
    </Stack>
  );
}

export function ApplicationReview({ application }: { application: Application }) {
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge color={application.status === "pending" ? "blue" : application.status === "approved" ? "teal" : "gray"} variant="light">
          {humanize(application.status)}
        </Badge>
        <Text size="sm" c="dimmed">
          Submitted {formatDateTime(application.createdAt)}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Fact label="Legal name">{application.legalName}</Fact>
        <Fact label="Website">
          {application.website ? (
            <Anchor href={application.website} target="_blank" rel="noopener noreferrer">
              {application.website}
            </Anchor>
          ) : null}
        </Fact>
        <Fact label="Location">
          {[application.city, countryName(application.country) ?? application.country, application.region].filter(Boolean).join(", ")}
        </Fact>
        <Fact label="Expected annual volume">{formatMoney(application.expectedAnnualVolume)}</Fact>
        <Fact label="Principal contact">
          {application.principal.name} · <Anchor href={`mailto:${application.principal.email}`}>{application.principal.email}</Anchor>
          {application.principal.phone ? ` · ${application.principal.phone}` : ""}
        </Fact>
        <Fact label="Markets served">{list(application.regions)}</Fact>
        <Fact label="Sells">{list(application.sells)}</Fact>
        <Fact label="Installs">{list(application.installs)}</Fact>
      </SimpleGrid>
      {application.contacts.length > 0 ? (
        <Fact label="Other contacts">
          {application.contacts.map((c) => [c.name, c.role, c.email, c.phone].filter(Boolean).join(" · ")).join("; ")}
        </Fact>
      ) : null}
      {application.message ? (
        <Fact label="Message">
          <span style={{ whiteSpace: "pre-wrap" }}>{application.message}</span>
        </Fact>
      ) : null}
      <Divider />
      {application.status === "pending" ? (
        <Decide application={application} />
      ) : (
        <Alert color={application.status === "approved" ? "teal" : "gray"} title={application.status === "approved" ? "Approved" : "Declined"}>
          <Stack gap={4}>
            <Text size="sm">
              {application.decidedByName ? `By ${application.decidedByName}` : ""}{" "}
              {application.decidedAt ? `on ${formatDateTime(application.decidedAt)}` : ""}
            </Text>
            {application.decisionReason ? <Text size="sm">Reason: {application.decisionReason}</Text> : null}
            {application.overrideReason ? <Text size="sm">Capacity override: {application.overrideReason}</Text> : null}
            {application.partnerId ? (
              <Anchor component={Link} to={`/partners/${application.partnerId}`} size="sm">
                Open the partner
              </Anchor>
            ) : null}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
