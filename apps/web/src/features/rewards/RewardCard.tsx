import { Badge, Box, Card, Center, Group, Image, Stack, Text } from "@mantine/core";
import { rewardKindLabels } from "@trellis/shared";
import type { ReactNode } from "react";
import type { Reward } from "../../api/incentives-types";
import { points } from "../incentives/incentives.labels";
import { rewardImageUrl } from "./rewards.api";

const kindColors: Record<Reward["kind"], string> = {
  gift_card: "teal.1",
  tools_equipment: "orange.1",
  branded_gear: "indigo.1",
  training_voucher: "grape.1",
  event_ticket: "cyan.1",
};

export function stockText(reward: Reward): string {
  if (reward.stock === null) return "Unlimited";
  if (reward.stock === 0) return "Out of stock";
  return `${reward.stock} left`;
}

/** One catalog item: picture, cost, stock; the caller adds what the viewer can do with it. */
export function RewardCard({ reward, footer, note }: { reward: Reward; footer: ReactNode; note?: ReactNode }) {
  return (
    <Card withBorder padding="md" radius="md" component="li" aria-label={reward.name} style={{ display: "flex", flexDirection: "column" }}>
      <Card.Section>
        {reward.hasImage ? (
          <Image src={rewardImageUrl(reward)} alt="" h={150} fit="cover" />
        ) : (
          <Center h={150} bg={kindColors[reward.kind]} aria-hidden>
            <Text fw={700} c="dimmed" tt="uppercase" size="sm">
              {rewardKindLabels[reward.kind]}
            </Text>
          </Center>
        )}
      </Card.Section>
      <Stack gap={6} mt="sm" style={{ flex: 1 }}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={700} lh={1.3}>
            {reward.name}
          </Text>
          {reward.active ? null : (
            <Badge color="gray" variant="light">
              Inactive
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {rewardKindLabels[reward.kind]}
        </Text>
        <Text size="sm" lineClamp={3} style={{ flex: 1 }}>
          {reward.description}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text fw={700} c="teal.8">
            {points(reward.pointCost)}
          </Text>
          <Text size="sm" c={reward.inStock ? "dimmed" : "red.7"}>
            {stockText(reward)}
          </Text>
        </Group>
        {note ? <Box>{note}</Box> : null}
      </Stack>
      <Box mt="sm">{footer}</Box>
    </Card>
  );
}
