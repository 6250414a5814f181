import { Button, Group, Modal, NumberInput, Paper, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage, fieldErrors } from "../../api/client";
import type { TicketDetail, TicketSummary } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { articlePath } from "../knowledge/knowledge.labels";
import { findTicketByNumber, useAuthoriseReturn, useCreateArticle, useMergeTicket } from "./tickets.api";

/** Merge this ticket (a duplicate) into another, found by its number; asks before doing it. */
function MergeForm({ ticket }: { ticket: TicketDetail }) {
  const merge = useMergeTicket(ticket.id);
  const [number, setNumber] = useState<number | string>("");
  const [target, setTarget] = useState<TicketSummary | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  const find = async () => {
    setTarget(null);
    setLookupError(null);
    if (typeof number !== "number") return;
    if (number === ticket.number) {
      setLookupError("A ticket cannot be merged into itself");
      return;
    }
    setLooking(true);
    try {
      const found = await findTicketByNumber(number);
      if (found) setTarget(found);
      else setLookupError(`No ticket #${number}`);
    } catch (error) {
      setLookupError(errorMessage(error));
    } finally {
      setLooking(false);
    }
  };

  return (
    <Stack gap={6}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void find();
        }}
      >
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <NumberInput
            label="Merge into ticket number"
            description="This ticket closes as a duplicate of that one"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            value={number}
            onChange={(value) => {
              setNumber(value);
              setTarget(null);
              setLookupError(null);
            }}
            error={lookupError}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" loading={looking} disabled={typeof number !== "number"}>
            Find
          </Button>
        </Group>
      </form>
      {target ? (
        <Paper withBorder p="xs" radius="sm">
          <Text size="sm">
            Merge #{ticket.number} into <strong>#{target.number}</strong> {target.subject} ({target.partner.name})?
          </Text>
          <Group mt={6} gap="xs">
            <Button
              size="xs"
              color="orange"
              loading={merge.isPending}
              onClick={() =>
                merge.mutate(target.id, {
                  onSuccess: () => {
                    notifications.show({ color: "teal", message: `Merged into #${target.number}` });
                    setTarget(null);
                    setNumber("");
                  },
                })
              }
            >
              Merge
            </Button>
            <Button size="xs" variant="default" onClick={() => setTarget(null)}>
              Cancel
            </Button>
          </Group>
        </Paper>
      ) : null}
      {merge.isError ? <ErrorAlert error={merge.error} title="Not merged" /> : null}
    </Stack>
  );
}

/** A draft article from this ticket, opened in the knowledge-base editor. */
function ArticleButton({ ticket }: { ticket: TicketDetail }) {
  const create = useCreateArticle(ticket.id);
  const navigate = useNavigate();
  return (
    <Stack gap={4}>
      <Button
        variant="default"
        loading={create.isPending}
        onClick={() => create.mutate(undefined, { onSuccess: (article) => navigate(articlePath("vendor", article.id)) })}
      >
        Create knowledge article
      </Button>
      {create.isError ? <ErrorAlert error={create.error} title="Article not created" /> : null}
    </Stack>
  );
}

/** Authorise the return of a defective unit: product and serial from the ticket, and why. */
function ReturnButton({ ticket }: { ticket: TicketDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const authorise = useAuthoriseReturn(ticket.id);
  const [productId, setProductId] = useState<string | null>(ticket.products[0]?.productId ?? null);
  const [serial, setSerial] = useState(ticket.products[0]?.serials[0] ?? "");
  const [reason, setReason] = useState("");
  const errors = fieldErrors(authorise.error);
  const product = ticket.products.find((item) => item.productId === productId);

  const submit = () =>
    authorise.mutate(
      { productId: productId ?? "", serial: serial.trim(), reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: `Return authorised for ${serial.trim()}` });
          setReason("");
          close();
        },
      },
    );

  return (
    <>
      <Button
        variant="default"
        onClick={open}
        disabled={ticket.products.length === 0}
        title={ticket.products.length ? undefined : "Add a product first"}
      >
        Authorise a return (RMA)
      </Button>
      <Modal opened={opened} onClose={close} title="Authorise a return" size="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Select
              label="Product"
              required
              allowDeselect={false}
              data={ticket.products.map((item) => ({ value: item.productId, label: `${item.name} (${item.sku})` }))}
              value={productId}
              onChange={(value) => {
                setProductId(value);
                setSerial(ticket.products.find((item) => item.productId === value)?.serials[0] ?? "");
              }}
              error={errors.productId}
            />
            {product && product.serials.length > 1 ? (
              <Select label="Serial from the ticket" data={product.serials} value={serial || null} onChange={(value) => setSerial(value ?? "")} />
            ) : null}
            <TextInput
              label="Serial number"
              required
              value={serial}
              onChange={(event) => setSerial(event.currentTarget.value)}
              error={errors.serial}
            />
            <Textarea
              label="Reason"
              required
              autosize
              minRows={3}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
            />
            {authorise.isError && Object.keys(errors).length === 0 ? <ErrorAlert error={authorise.error} title="Return not authorised" /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={authorise.isPending} disabled={!productId || !serial.trim() || !reason.trim()}>
                Authorise return
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Merge, knowledge article and RMA: the agent's one-off actions on a ticket. */
export function TicketActions({ ticket, canWriteKnowledge }: { ticket: TicketDetail; canWriteKnowledge: boolean }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          More actions
        </Title>
        {canWriteKnowledge ? <ArticleButton ticket={ticket} /> : null}
        <ReturnButton ticket={ticket} />
        {ticket.mergedInto ? null : <MergeForm ticket={ticket} />}
      </Stack>
    </Paper>
  );
}
