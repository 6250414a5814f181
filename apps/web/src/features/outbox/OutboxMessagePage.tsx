import { Anchor, Breadcrumbs, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { OutboxStatus } from "./OutboxPage";
import { useOutboxMessage } from "./outbox.api";

const urlPattern = /https?:\/\/[^\s<>"'()[\]]+/g;

/** Plain text with its http(s) URLs as links (trailing punctuation stays text); same-site links stay in the app. */
export function linkify(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[0].replace(/[.,;:!?]+$/, "");
    const start = match.index;
    nodes.push(<Fragment key={`t${start}`}>{text.slice(last, start)}</Fragment>);
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    nodes.push(
      parsed && parsed.origin === window.location.origin ? (
        <Anchor key={`u${start}`} component={Link} to={`${parsed.pathname}${parsed.search}${parsed.hash}`}>
          {url}
        </Anchor>
      ) : (
        <Anchor key={`u${start}`} href={url} rel="noopener noreferrer">
          {url}
        </Anchor>
      ),
    );
    last = start + url.length;
  }
  nodes.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return nodes;
}

export function OutboxMessagePage() {
  const { id = "" } = useParams();
  const message = useOutboxMessage(id);
  if (message.isPending) return <PageSkeleton />;
  if (message.isError) {
    return (
      <Page title="Email">
        <ErrorAlert error={message.error} />
        <Anchor component={Link} to="/admin/outbox">
          Back to the outbox
        </Anchor>
      </Page>
    );
  }
  const data = message.data;
  return (
    <Page title={data.subject}>
      <Breadcrumbs>
        <Anchor component={Link} to="/admin/outbox" size="sm">
          Outbox
        </Anchor>
        <Text size="sm" lineClamp={1}>
          {data.subject}
        </Text>
      </Breadcrumbs>
      <Paper withBorder p="md">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <div>
              <Text size="xs" c="dimmed">
                To
              </Text>
              <Text size="sm" style={{ wordBreak: "break-all" }}>
                {data.to}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                When
              </Text>
              <Text size="sm">{formatDateTime(data.createdAt)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Delivery
              </Text>
              <Group gap="xs">
                <OutboxStatus message={data} />
                <Text size="sm">{data.transport === "smtp" ? "SMTP" : "Outbox folder"}</Text>
              </Group>
            </div>
          </SimpleGrid>
          {data.error ? <ErrorAlert error={new Error(data.error)} title="Delivery failed" /> : null}
          <pre className="message-body">{linkify(data.textBody)}</pre>
        </Stack>
      </Paper>
    </Page>
  );
}
