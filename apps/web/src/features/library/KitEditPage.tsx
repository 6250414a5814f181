import { Anchor, Breadcrumbs, Button, Fieldset, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import type { AssetSummary, Kit, KitStatus } from "../../api/types";
import { useCan } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { useForm } from "../../lib/useForm";
import { KitAssetList } from "./KitAssetList";
import { kitZipUrl, useDeleteKit, useKit, useSaveKit } from "./library.api";

interface KitFormValues {
  title: string;
  description: string;
  status: KitStatus;
  assets: AssetSummary[];
}

function KitForm({ kit, readOnly }: { kit: Kit | null; readOnly: boolean }) {
  const form = useForm<KitFormValues>({
    title: kit?.title ?? "",
    description: kit?.description ?? "",
    status: kit?.status ?? "draft",
    assets: kit?.assets ?? [],
  });
  const save = useSaveKit();
  const navigate = useNavigate();
  const submit = form.onSubmit((values) => {
    if (!form.validate({ title: (v) => (String(v).trim() ? undefined : "Enter a title") })) return;
    const input = {
      title: values.title.trim(),
      description: values.description.trim(),
      status: values.status,
      assetIds: values.assets.map((asset) => asset.id),
    };
    save.mutate(
      { id: kit?.id ?? null, input },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: `${saved.title} was saved.` });
          if (!kit) navigate(`/library/kits/${saved.id}`, { replace: true });
        },
        onError: (error) => form.setApiErrors(error),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <Fieldset legend="Kit" disabled={readOnly}>
          <Stack gap="sm">
            <TextInput label="Title" required maxLength={200} {...form.text("title")} />
            <Textarea
              label="Description"
              description="What the kit is for, in a sentence or two."
              autosize
              minRows={2}
              maxLength={2000}
              {...form.text("description")}
            />
            <Select
              label="Status"
              description="Partners see published kits, with the assets in them that are published for them."
              allowDeselect={false}
              data={[
                { value: "draft", label: "Draft" },
                { value: "published", label: "Published" },
              ]}
              value={form.values.status}
              onChange={(value) => form.setValue("status", (value ?? "draft") as KitStatus)}
              error={form.errors.status}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="Assets, in order" disabled={readOnly}>
          <KitAssetList assets={form.values.assets} onChange={(assets) => form.setValue("assets", assets)} readOnly={readOnly} />
          {form.errors.assetIds ? (
            <Text c="red" size="sm" mt="xs" role="alert">
              {form.errors.assetIds}
            </Text>
          ) : null}
        </Fieldset>
        {readOnly ? null : (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {kit ? "Save kit" : "Create kit"}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function DeleteKit({ kit }: { kit: Kit }) {
  const remove = useDeleteKit();
  const navigate = useNavigate();
  return (
    <ConfirmButton
      variant="light"
      question={`Delete the kit ${kit.title}? Its assets stay in the library.`}
      confirmLabel="Delete"
      loading={remove.isPending}
      onConfirm={() =>
        remove.mutate(kit.id, {
          onSuccess: () => {
            notifications.show({ message: `${kit.title} was deleted.` });
            navigate("/library/kits");
          },
          onError: (error) => notifications.show({ color: "red", title: "Not deleted", message: errorMessage(error) }),
        })
      }
    >
      Delete
    </ConfirmButton>
  );
}

export function KitEditPage() {
  const { id } = useParams();
  const creating = !id;
  const kit = useKit(id ?? "");
  const canWrite = useCan("library:write");
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/library" size="sm">
        Sales tools
      </Anchor>
      <Anchor component={Link} to="/library/kits" size="sm">
        Kits
      </Anchor>
      <span>{creating ? "New kit" : (kit.data?.title ?? "Kit")}</span>
    </Breadcrumbs>
  );
  if (creating) {
    return (
      <Page title="New kit" description={crumbs}>
        <KitForm kit={null} readOnly={!canWrite} />
      </Page>
    );
  }
  if (kit.isPending) return <PageSkeleton />;
  if (kit.isError) {
    return (
      <Page title="Kit" description={crumbs}>
        <ErrorAlert error={kit.error} onRetry={() => void kit.refetch()} />
      </Page>
    );
  }
  return (
    <Page
      title={kit.data.title}
      description={crumbs}
      actions={
        <>
          {kit.data.assets.length > 0 ? (
            <Button component="a" href={kitZipUrl(kit.data.id)} download variant="default">
              Download kit (ZIP)
            </Button>
          ) : null}
          {canWrite ? <DeleteKit kit={kit.data} /> : null}
        </>
      }
    >
      <KitForm key={kit.data.updatedAt} kit={kit.data} readOnly={!canWrite} />
    </Page>
  );
}
