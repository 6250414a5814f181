import { Alert, Button, Grid, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type TicketCategory, type TicketSeverity, ticketCategories, ticketCategoryLabels } from "@trellis/shared";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { TicketDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useForm } from "../../lib/useForm";
import { KnowledgeSuggestions } from "../knowledge/KnowledgeSuggestions";
import { AttachmentPicker, QueuedFiles, useUploadQueue } from "./AttachmentPicker";
import { MarkdownEditor } from "./MarkdownPreview";
import { SeverityField } from "./SeverityField";
import { type ChosenProduct, invalidSerials, TicketProductsField } from "./TicketProductsField";
import { ticketsKey, useCreateTicket, useTicketProducts, useTicketSlaPolicies } from "./tickets.api";

interface TicketForm {
  subject: string;
  description: string;
  category: TicketCategory | null;
  severity: TicketSeverity | null;
  products: ChosenProduct[];
  firmwareVersion: string;
  siteName: string;
}

const empty: TicketForm = { subject: "", description: "", category: null, severity: null, products: [], firmwareVersion: "", siteName: "" };

const categoryOptions = ticketCategories.map((value) => ({ value, label: ticketCategoryLabels[value] }));

/** "products.2.serials.0" -> { 2: message }: the server's serial verdicts shown under the right product. */
function productErrors(errors: Record<string, string | undefined>): Record<number, string | undefined> {
  const result: Record<number, string | undefined> = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^products\.(\d+)/.exec(key);
    if (match && message) result[Number(match[1])] ??= message;
  }
  return result;
}

export function NewTicketPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm<TicketForm>(empty);
  const create = useCreateTicket();
  const products = useTicketProducts();
  const policies = useTicketSlaPolicies();
  const queue = useUploadQueue();
  const [created, setCreated] = useState<TicketDetail | null>(null);
  const [failedUploads, setFailedUploads] = useState(0);
  const typed = `${form.values.subject}\n${form.values.description}`;

  const ticketLink = (ticket: TicketDetail) => `/portal/support/${ticket.id}`;

  const attach = async (ticket: TicketDetail) => {
    const failed = await queue.upload(ticket.id);
    setFailedUploads(failed);
    // The cached ticket came from the create response, before its files: read it again.
    await client.invalidateQueries({ queryKey: [...ticketsKey, "detail", ticket.id] });
    if (failed === 0) navigate(ticketLink(ticket));
  };

  const submit = form.onSubmit((values) => {
    const catalogue = products.data ?? [];
    const valid = form.validate({
      subject: (value) => (String(value).trim().length < 3 ? "Write a subject of at least 3 characters" : undefined),
      description: (value) => (String(value).trim() ? undefined : "Describe the problem"),
      category: (value) => (value ? undefined : "Pick a category"),
      severity: (value) => (value ? undefined : "Pick a severity"),
    });
    const serialsOk = values.products.every(
      (item) =>
        invalidSerials(
          catalogue.find((product) => product.id === item.productId),
          item.serials,
        ).length === 0,
    );
    if (!valid || !serialsOk || !values.category || !values.severity) return;
    create.mutate(
      {
        subject: values.subject.trim(),
        description: values.description.trim(),
        category: values.category,
        severity: values.severity,
        products: values.products,
        firmwareVersion: values.firmwareVersion.trim(),
        siteName: values.siteName.trim(),
      },
      {
        onSuccess: (ticket) => {
          setCreated(ticket);
          if (queue.files.length === 0) navigate(ticketLink(ticket));
          else void attach(ticket);
        },
        onError: (error) => form.setApiErrors(error),
      },
    );
  });

  if (created) {
    return (
      <Page title={`Ticket #${created.number} opened`} description={created.subject}>
        <Stack gap="md" maw={720}>
          {queue.running ? (
            <Text>Attaching your files… keep this page open until they are sent.</Text>
          ) : failedUploads > 0 ? (
            <Alert color="orange" title={failedUploads === 1 ? "One file was not attached" : `${failedUploads} files were not attached`}>
              The ticket is open and the support team can see it. The reason is shown under each file: remove it or try again, or attach files later
              from the ticket.
            </Alert>
          ) : null}
          <QueuedFiles queue={queue} />
          <Group>
            {failedUploads > 0 && !queue.running ? (
              <Button variant="default" onClick={() => void attach(created)}>
                Try again
              </Button>
            ) : null}
            <Button component={Link} to={ticketLink(created)} disabled={queue.running}>
              Go to the ticket
            </Button>
          </Group>
        </Stack>
      </Page>
    );
  }

  return (
    <Page title="Open a ticket" description="Tell the vendor's support team what happens, where, and on which units.">
      <form onSubmit={submit} noValidate>
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <TextInput label="Subject" placeholder="e.g. Cameras drop off the recorder every night at 02:00" required {...form.text("subject")} />
              <MarkdownEditor
                label="Description"
                placeholder="What happens, since when, what you have tried, and what you expected."
                required
                minRows={8}
                value={form.values.description}
                onChange={(value) => form.setValue("description", value)}
                error={form.errors.description}
              />
              <Select
                label="Category"
                placeholder="What kind of help you need"
                data={categoryOptions}
                required
                value={form.values.category}
                onChange={(value) => form.setValue("category", value as TicketCategory | null)}
                error={form.errors.category}
              />
              <SeverityField
                value={form.values.severity}
                onChange={(value) => form.setValue("severity", value)}
                policies={policies.data ?? []}
                error={form.errors.severity}
              />
              {products.isError ? <ErrorAlert error={products.error} title="Products could not be loaded" /> : null}
              <TicketProductsField
                products={products.data ?? []}
                loading={products.isPending}
                value={form.values.products}
                onChange={(value) => form.setValue("products", value)}
                serverErrors={productErrors(form.errors)}
              />
              <Grid gap="md">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput label="Firmware or software version" placeholder="e.g. 4.2.1" {...form.text("firmwareVersion")} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput label="End-customer site" placeholder="e.g. Harbour Logistics, Gate 3" {...form.text("siteName")} />
                </Grid.Col>
              </Grid>
              <AttachmentPicker queue={queue} />
              {create.isError && Object.keys(form.errors).length === 0 ? <ErrorAlert error={create.error} title="The ticket was not opened" /> : null}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Open ticket
                </Button>
                <Button component={Link} to="/portal/support" variant="default">
                  Cancel
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <KnowledgeSuggestions text={typed} productIds={form.values.products.map((item) => item.productId)} />
          </Grid.Col>
        </Grid>
      </form>
    </Page>
  );
}
