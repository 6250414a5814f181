import { Button, Group, Modal, MultiSelect, Radio, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type KnownProblemKind, type KnownProblemStatus, knownProblemKinds, knownProblemStatuses } from "@trellis/shared";
import type { KnownProblemDetail, KnownProblemInput } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useForm } from "../../lib/useForm";
import { useProductOptions } from "../library/library.api";
import { useSaveKnownProblem } from "./known-problems.api";
import { MarkdownEditor } from "./MarkdownPreview";
import { knownProblemKindHints, knownProblemKindLabels, knownProblemStatusLabels } from "./support-admin.labels";

interface Values {
  title: string;
  kind: KnownProblemKind;
  status: KnownProblemStatus;
  description: string;
  workaround: string;
  affectedVersions: string;
  fixVersion: string;
  productIds: string[];
}

function valuesOf(problem: KnownProblemDetail | null): Values {
  return {
    title: problem?.title ?? "",
    kind: problem?.kind ?? "defect",
    status: problem?.status ?? "investigating",
    description: problem?.description ?? "",
    workaround: problem?.workaround ?? "",
    affectedVersions: problem?.affectedVersions ?? "",
    fixVersion: problem?.fixVersion ?? "",
    productIds: problem?.products.map((product) => product.id) ?? [],
  };
}

interface KnownProblemFormProps {
  /** null: a new problem. */
  problem: KnownProblemDetail | null;
  onClose: () => void;
  onSaved?: (saved: KnownProblemDetail) => void;
}

/** Create or edit a known problem, in a modal. */
export function KnownProblemForm({ problem, onClose, onSaved }: KnownProblemFormProps) {
  const form = useForm<Values>(valuesOf(problem));
  const save = useSaveKnownProblem();
  const products = useProductOptions();
  const { values } = form;
  const phone = useMediaQuery("(max-width: 36em)") ?? false;
  const submit = form.onSubmit((current) => {
    const valid = form.validate({
      title: (v) => (String(v).trim().length >= 3 ? undefined : "At least 3 characters: what partners would call it"),
      fixVersion: (v, all) => (all.status === "fixed" && !String(v).trim() ? "Which version fixes it?" : undefined),
    });
    if (!valid) return;
    const input: KnownProblemInput = {
      title: current.title.trim(),
      kind: current.kind,
      status: current.status,
      description: current.description,
      workaround: current.workaround,
      affectedVersions: current.affectedVersions.trim(),
      fixVersion: current.fixVersion.trim() || null,
      productIds: current.productIds,
    };
    save.mutate(
      { id: problem?.id ?? null, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: "teal",
            message: problem ? `${saved.title} saved.` : `${saved.title} recorded. Agents can now link tickets to it.`,
          });
          onSaved?.(saved);
          onClose();
        },
        onError: (error) => form.setApiErrors(error),
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={problem ? `Edit ${problem.title}` : "New known problem"} size="xl" fullScreen={phone}>
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} title="Not saved" />
          <TextInput label="Title" description="Short, in the words partners use" required data-autofocus {...form.text("title")} />
          <Radio.Group
            label="Kind"
            value={values.kind}
            onChange={(value) => form.setValue("kind", value as KnownProblemKind)}
            error={form.errors.kind}
          >
            <Group gap="lg" mt={6}>
              {knownProblemKinds.map((kind) => (
                <Radio key={kind} value={kind} label={knownProblemKindLabels[kind]} description={knownProblemKindHints[kind]} />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Status"
              allowDeselect={false}
              data={knownProblemStatuses.map((status) => ({ value: status, label: knownProblemStatusLabels[status] }))}
              value={values.status}
              onChange={(value) => {
                if (value) form.setValue("status", value as KnownProblemStatus);
              }}
              error={form.errors.status}
            />
            <TextInput label="Affected versions" placeholder="e.g. firmware 2.1.0 to 2.3.4" {...form.text("affectedVersions")} />
            <TextInput label="Fixed in version" placeholder="Not fixed yet" {...form.text("fixVersion")} />
          </SimpleGrid>
          <MultiSelect
            label="Products affected"
            placeholder={values.productIds.length ? undefined : "Choose the products"}
            searchable
            clearable
            data={products.data ?? []}
            nothingFoundMessage={products.isError ? "Products could not be loaded" : "No product by that name"}
            value={values.productIds}
            onChange={(value) => form.setValue("productIds", value)}
            error={form.errors.productIds}
          />
          <MarkdownEditor
            label="Description"
            description="What goes wrong, when, and how to recognise it. Vendor staff only. Markdown."
            minRows={5}
            value={values.description}
            onChange={(value) => form.setValue("description", value)}
            error={form.errors.description}
          />
          <MarkdownEditor
            label="Workaround"
            description="Shown to partners on every ticket linked to this problem. Markdown."
            minRows={4}
            value={values.workaround}
            onChange={(value) => form.setValue("workaround", value)}
            error={form.errors.workaround}
          />
          {values.status === "workaround" && !values.workaround.trim() ? (
            <Text size="sm" c="orange.8">
              The status says a workaround is available: describe it, so partners on linked tickets can use it.
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {problem ? "Save" : "Record problem"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
