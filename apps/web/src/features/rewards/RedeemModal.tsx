import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { rewardKindLabels } from "@trellis/shared";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { fieldErrors } from "../../api/client";
import type { Reward } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { points } from "../incentives/incentives.labels";
import { useRedeem } from "./rewards.api";

export const shippedKinds: readonly Reward["kind"][] = ["tools_equipment", "branded_gear"];

/** Redeem with a confirmation: how many, where to ship it, and what it leaves of the rep's points. */
export function RedeemModal({ reward, available, onClose }: { reward: Reward; available: number; onClose: () => void }) {
  const navigate = useNavigate();
  const [quantity, setQuantity] = useState<number>(1);
  const [address, setAddress] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const redeem = useRedeem((redemption) => {
    notifications.show({
      color: "teal",
      title: "Reward requested",
      message: `${redemption.quantity} x ${redemption.reward.name}: ${points(redemption.points)} reserved until it is fulfilled.`,
    });
    onClose();
    navigate("/portal/rewards/redemptions");
  });
  const needsAddress = shippedKinds.includes(reward.kind);
  const maxQuantity = Math.max(1, Math.min(100, reward.stock ?? 100));
  const cost = quantity * reward.pointCost;
  const left = available - cost;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > maxQuantity) found.quantity = `From 1 to ${maxQuantity}`;
    if (needsAddress && address.trim().length < 5) found.shippingAddress = "Enter the address to ship it to";
    setErrors(found);
    if (Object.keys(found).length > 0 || left < 0) return;
    redeem.mutate(
      { rewardId: reward.id, quantity, ...(needsAddress ? { shippingAddress: address.trim() } : {}) },
      { onError: (error) => setErrors(fieldErrors(error)) },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Redeem ${reward.name}`}>
      <form onSubmit={onSubmit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {rewardKindLabels[reward.kind]} · {points(reward.pointCost)} each
            {reward.stock === null ? "" : ` · ${reward.stock} left`}
          </Text>
          <NumberInput
            label="Quantity"
            min={1}
            max={maxQuantity}
            allowDecimal={false}
            value={quantity}
            onChange={(value) => setQuantity(Number(value) || 1)}
            error={errors.quantity}
            w={140}
            data-autofocus
          />
          {needsAddress ? (
            <Textarea
              label="Ship to"
              description="Name, street, city, postcode and country"
              required
              autosize
              minRows={3}
              value={address}
              onChange={(event) => setAddress(event.currentTarget.value)}
              error={errors.shippingAddress}
            />
          ) : null}
          {left < 0 ? (
            <Alert color="red" role="alert" title="Not enough points">
              This costs {points(cost)}; you have {points(available)} available. You need {points(-left)} more.
            </Alert>
          ) : (
            <Alert color="blue" role="status" title={`Reserve ${points(cost)}?`}>
              The points are held until the vendor sends the reward; you keep {points(left)} to spend. You can cancel while the request waits for
              approval.
            </Alert>
          )}
          <ErrorAlert error={Object.keys(errors).length ? null : redeem.error} title="Not redeemed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={redeem.isPending} disabled={left < 0}>
              Redeem for {points(cost)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
