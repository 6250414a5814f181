import {
  Avatar,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type RewardKind, regions, rewardKindLabels, rewardKinds } from "@trellis/shared";
import { useState } from "react";
import type { Reward, RewardInput } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { useForm } from "../../lib/useForm";
import { useTiers } from "../incentives/incentives.api";
import { rewardImageUrl, useRewardImage, useSaveReward } from "./rewards.api";

interface RewardValues {
  kind: RewardKind;
  name: string;
  description: string;
  pointCost: number | string;
  unlimited: boolean;
  stock: number | string;
  tierIds: string[];
  regions: string[];
  roles: string[];
  active: boolean;
}

function valuesOf(reward: Reward | null): RewardValues {
  return {
    kind: reward?.kind ?? "gift_card",
    name: reward?.name ?? "",
    description: reward?.description ?? "",
    pointCost: reward?.pointCost ?? 1000,
    unlimited: reward ? reward.stock === null : false,
    stock: reward?.stock ?? 10,
    tierIds: reward?.eligibility.tierIds ?? [],
    regions: reward?.eligibility.regions ?? [],
    roles: reward?.eligibility.roles ?? [],
    active: reward?.active ?? true,
  };
}

const roleOptions = [
  { value: "sales_rep", label: "Sales reps" },
  { value: "partner_admin", label: "Partner admins" },
  { value: "technician", label: "Technicians" },
];

/** Create or edit a catalog item: details, cost, stock, who may redeem it, and its picture. */
export function RewardFormModal({ reward, onClose }: { reward: Reward | null; onClose: () => void }) {
  // A new item whose picture failed to upload is saved already: a second try edits it instead of adding another.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const save = useSaveReward(reward?.id ?? createdId);
  const image = useRewardImage();
  const tiers = useTiers();
  const form = useForm<RewardValues>(valuesOf(reward));
  const [file, setFile] = useState<File | null>(null);
  const { values } = form;

  const submit = form.onSubmit((current) => {
    const valid = form.validate({
      name: (v) => (String(v).trim() ? undefined : "Give it a name"),
      pointCost: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 ? undefined : "A whole number of points, 1 or more"),
      stock: (v, all) => (all.unlimited || (Number.isInteger(Number(v)) && Number(v) >= 0) ? undefined : "A whole number, 0 or more"),
    });
    if (!valid) return;
    const input: RewardInput = {
      kind: current.kind,
      name: current.name.trim(),
      description: current.description,
      pointCost: Number(current.pointCost),
      stock: current.unlimited ? null : Number(current.stock),
      eligibility: { tierIds: current.tierIds, regions: current.regions, roles: current.roles },
      active: current.active,
    };
    save.mutate(input, {
      onSuccess: async (saved) => {
        setCreatedId(saved.id);
        if (file) {
          try {
            await image.mutateAsync({ id: saved.id, file });
          } catch {
            // Shown below; the item itself is saved, so the form switches to editing it.
            return;
          }
        }
        notifications.show({ color: "teal", message: reward ? `${saved.name} saved.` : `${saved.name} added to the catalog.` });
        onClose();
      },
      onError: (error) => form.setApiErrors(error),
    });
  });

  return (
    <Modal opened onClose={onClose} title={reward ? `Edit ${reward.name}` : "New reward"} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Kind"
              data={rewardKinds.map((kind) => ({ value: kind, label: rewardKindLabels[kind] }))}
              allowDeselect={false}
              value={values.kind}
              onChange={(kind) => form.setValue("kind", (kind ?? "gift_card") as RewardKind)}
            />
            <TextInput label="Name" required maxLength={200} data-autofocus {...form.text("name")} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxLength={4000} {...form.text("description")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput label="Cost in points" min={1} allowDecimal={false} thousandSeparator="," {...form.field("pointCost")} />
            <Stack gap={4}>
              <NumberInput
                label={reward ? "Units left" : "Units in stock"}
                description={reward ? "Replaces the count; requested redemptions already took theirs" : undefined}
                min={0}
                allowDecimal={false}
                disabled={values.unlimited}
                {...form.field("stock")}
              />
              <Checkbox
                label="Unlimited (vouchers, e-gift cards)"
                checked={values.unlimited}
                onChange={(event) => form.setValue("unlimited", event.currentTarget.checked)}
              />
            </Stack>
          </SimpleGrid>
          <Text fw={600} size="sm">
            Who may redeem it
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <MultiSelect
              label="Tiers"
              placeholder="Every tier"
              clearable
              data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
              {...form.field("tierIds")}
            />
            <MultiSelect label="Regions" placeholder="Every region" clearable data={[...regions]} {...form.field("regions")} />
            <MultiSelect label="Roles" placeholder="Every partner role" clearable data={roleOptions} {...form.field("roles")} />
          </SimpleGrid>
          <Group align="flex-end" gap="md">
            {reward?.hasImage ? <Avatar src={rewardImageUrl(reward)} alt={`${reward.name} image`} size={64} radius="sm" /> : null}
            <FilePicker
              label={reward?.hasImage ? "Replace the picture" : "Picture"}
              description="PNG, JPEG, WebP or GIF"
              accept="image/png,image/jpeg,image/webp,image/gif"
              onChange={setFile}
            />
          </Group>
          <Switch
            label="Active: partners see it in the catalog"
            checked={values.active}
            onChange={(event) => form.setValue("active", event.currentTarget.checked)}
          />
          <ErrorAlert error={save.error && !Object.values(form.errors).some(Boolean) ? save.error : null} title="Not saved" />
          <ErrorAlert error={image.error} title="The picture was not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending || image.isPending}>
              {reward ? "Save" : "Add to catalog"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
