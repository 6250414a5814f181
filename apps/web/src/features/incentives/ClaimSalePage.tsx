import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { fieldErrors } from "../../api/client";
import { useUser } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { ClaimLineFields } from "./ClaimLineFields";
import { type ClaimDraft, claimProblems, newLine, toClaimInput } from "./claim.form";
import { useSubmitClaim } from "./claims.api";
import { useIncentiveSettings, useProducts, useStaff } from "./incentives.api";
import { points, todayUtc } from "./incentives.labels";
import { portalClaimLink } from "./links";

/** A partner admin files for itself or any active rep of its team. */
function RepField({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const user = useUser();
  const staff = useStaff(user.partnerId);
  const team = (staff.data ?? []).filter((member) => member.status === "active" && (member.role === "sales_rep" || member.role === "partner_admin"));
  return (
    <Select
      label="Who made the sale"
      description="The rep who earns the points"
      data={team.map((member) => ({ value: member.id, label: member.id === user.id ? `${member.name} (you)` : member.name }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      searchable
      disabled={staff.isPending}
    />
  );
}

/** Claim a sale: the invoice, the end customer, and every unit's serial number. */
export function ClaimSalePage() {
  const user = useUser();
  const navigate = useNavigate();
  const products = useProducts();
  const settings = useIncentiveSettings();
  const [draft, setDraft] = useState<ClaimDraft>({ repId: user.id, invoiceNumber: "", invoiceDate: todayUtc(), endCustomer: "", lines: [newLine()] });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const submit = useSubmitClaim((claim) => {
    notifications.show({
      color: "teal",
      title: claim.status === "approved" ? "Claim approved" : "Claim filed",
      message:
        claim.status === "approved"
          ? `${claim.rep.id === user.id ? "You" : claim.rep.name} earned ${points(claim.points)}. Attach the invoice for the record.`
          : `Worth ${points(claim.points)} once the vendor approves it. Attach the invoice now.`,
    });
    navigate(`${portalClaimLink(claim.id)}?filed=1`);
  });

  if (products.isPending) return <PageSkeleton />;
  if (products.isError) return <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />;
  const catalog = products.data.filter((product) => product.lifecycle !== "end_of_life");

  const set = <K extends keyof ClaimDraft>(key: K, value: ClaimDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  const setLine = (index: number, line: ClaimDraft["lines"][number]) =>
    setDraft((current) => ({ ...current, lines: current.lines.map((other, i) => (i === index ? line : other)) }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = claimProblems(draft, catalog);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      // Keyboard and screen-reader users land on the first thing to fix.
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    submit.mutate(toClaimInput(draft, catalog, user.id), {
      onError: (error) => setErrors(fieldErrors(error)),
    });
  };
  const units = draft.lines.reduce((sum, line) => sum + line.serials.length, 0);
  const hasFieldErrors = Object.values(errors).some(Boolean);

  return (
    <Page
      title="Claim a sale"
      description={
        settings.data
          ? `Claim sales of the vendor's products within ${settings.data.claimWindowDays} days of the invoice. Each serial number earns points once.`
          : "Claim sales of the vendor's products. Each serial number earns points once."
      }
      actions={
        <Button component={Link} to="/portal/points/claims" variant="default">
          My claims
        </Button>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {user.role === "partner_admin" ? <RepField value={draft.repId} onChange={(id) => set("repId", id)} /> : null}
              <TextInput
                label="Invoice number"
                required
                value={draft.invoiceNumber}
                onChange={(event) => set("invoiceNumber", event.currentTarget.value)}
                error={errors.invoiceNumber}
                maxLength={100}
              />
              <TextInput
                label="Invoice date"
                description="The sale date"
                type="date"
                required
                max={todayUtc()}
                value={draft.invoiceDate}
                onChange={(event) => set("invoiceDate", event.currentTarget.value)}
                error={errors.invoiceDate}
              />
              <TextInput
                label="End customer"
                description="Who bought and installed it"
                required
                value={draft.endCustomer}
                onChange={(event) => set("endCustomer", event.currentTarget.value)}
                error={errors.endCustomer}
                maxLength={200}
              />
            </SimpleGrid>
          </Paper>
          {draft.lines.map((line, index) => (
            <ClaimLineFields
              key={line.key}
              lines={draft.lines}
              index={index}
              products={catalog}
              errors={errors}
              onChange={(changed) => setLine(index, changed)}
              onRemove={
                draft.lines.length > 1 ? () => setDraft((current) => ({ ...current, lines: current.lines.filter((_, i) => i !== index) })) : null
              }
            />
          ))}
          <Group>
            <Button variant="default" onClick={() => setDraft((current) => ({ ...current, lines: [...current.lines, newLine()] }))}>
              Add another product
            </Button>
          </Group>
          {submit.isError && !hasFieldErrors ? <ErrorAlert error={submit.error} title="The claim was not filed" /> : null}
          {hasFieldErrors ? (
            <Alert color="red" role="alert" title="Check the marked fields">
              The claim was not filed. Fix the fields marked in red and file it again.
            </Alert>
          ) : null}
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {units === 1 ? "1 unit" : `${units} units`}. You can attach the invoice file right after filing.
            </Text>
            <Button type="submit" loading={submit.isPending}>
              File the claim
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
