import { Anchor, Button, Group, Modal, Stack, Table, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import type { ProductFamily } from "../../api/types";
import { useCan } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { useForm } from "../../lib/useForm";
import { useDeleteFamily, useFamilies, useSaveFamily } from "./products.api";

function FamilyModal({ family, onClose }: { family: ProductFamily | null; onClose: () => void }) {
  const form = useForm({ name: family?.name ?? "", description: family?.description ?? "" });
  const save = useSaveFamily();
  return (
    <Modal opened onClose={onClose} title={family ? `Edit ${family.name}` : "New product family"}>
      <form
        onSubmit={form.onSubmit((values) => {
          if (!form.validate({ name: (v) => (String(v).trim() ? undefined : "Enter a name") })) return;
          save.mutate(
            { id: family?.id ?? null, input: { name: values.name.trim(), description: values.description } },
            { onSuccess: onClose, onError: (error) => form.setApiErrors(error) },
          );
        })}
      >
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput label="Name" required data-autofocus {...form.text("name")} />
          <Textarea label="Description" autosize minRows={2} {...form.text("description")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ProductFamiliesPage() {
  const families = useFamilies();
  const remove = useDeleteFamily();
  const canWrite = useCan("products:write");
  const [editing, setEditing] = useState<ProductFamily | "new" | null>(null);
  return (
    <Page
      title="Product families"
      description="Groups of products, such as dome cameras or recorders."
      actions={canWrite ? <Button onClick={() => setEditing("new")}>New family</Button> : null}
    >
      {families.isPending ? (
        <TableSkeleton rows={4} />
      ) : families.isError ? (
        <ErrorAlert error={families.error} onRetry={() => void families.refetch()} />
      ) : families.data.length === 0 ? (
        <Empty title="No product families yet" actions={canWrite ? <Button onClick={() => setEditing("new")}>New family</Button> : null}>
          Create a family, or import a product CSV: its families are created for you.
        </Empty>
      ) : (
        <DataTable minWidth={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Products</Table.Th>
              {canWrite ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {families.data.map((family) => (
              <Table.Tr key={family.id}>
                <Table.Td fw={600}>
                  <Anchor component={Link} to={`/products?familyId=${family.id}`}>
                    {family.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{family.description}</Table.Td>
                <Table.Td ta="right">{family.productCount}</Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(family)} aria-label={`Edit ${family.name}`}>
                        Edit
                      </Button>
                      <ConfirmButton
                        size="compact-sm"
                        variant="subtle"
                        question={
                          family.productCount > 0
                            ? `${family.name} still has ${family.productCount} product(s); move them to another family first.`
                            : `Delete the family ${family.name}?`
                        }
                        confirmLabel="Delete"
                        loading={remove.isPending && remove.variables === family.id}
                        onConfirm={() =>
                          remove.mutate(family.id, {
                            onError: (error) => notifications.show({ color: "red", title: "Not deleted", message: errorMessage(error) }),
                          })
                        }
                      >
                        Delete
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {editing ? <FamilyModal family={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}
