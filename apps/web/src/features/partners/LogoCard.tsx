import { Avatar, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import { errorMessage } from "../../api/client";
import type { Partner } from "../../api/types";
import { logoUrl, useUploadLogo } from "./partners.api";

const accepted = "image/png,image/jpeg,image/webp,image/gif";

export function PartnerLogo({ partner, size = 56 }: { partner: Partner; size?: number }) {
  return (
    <Avatar
      src={partner.hasLogo ? logoUrl(partner) : null}
      alt={partner.hasLogo ? `${partner.name} logo` : ""}
      size={size}
      radius="md"
      color="teal"
      styles={{ image: { objectFit: "contain" } }}
    >
      {partner.name.slice(0, 2).toUpperCase()}
    </Avatar>
  );
}

/** Preview plus an upload button (PNG, JPEG, WebP or GIF up to 2 MB). */
export function LogoCard({ partner, canUpload }: { partner: Partner; canUpload: boolean }) {
  const upload = useUploadLogo(partner.id);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Group gap="md" align="center">
      <PartnerLogo partner={partner} size={72} />
      <Stack gap={4} align="flex-start">
        <Text size="sm" fw={600}>
          Logo
        </Text>
        {canUpload ? (
          <>
            <input
              ref={input}
              type="file"
              accept={accepted}
              hidden
              aria-label="Logo file"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = "";
                if (!file) return;
                upload.mutate(file, {
                  onSuccess: () => notifications.show({ color: "teal", message: "Logo updated." }),
                  onError: (error) => notifications.show({ color: "red", title: "Logo not saved", message: errorMessage(error) }),
                });
              }}
            />
            <Button size="xs" variant="default" loading={upload.isPending} onClick={() => input.current?.click()}>
              {partner.hasLogo ? "Replace logo" : "Upload logo"}
            </Button>
            <Text size="xs" c="dimmed">
              PNG, JPEG, WebP or GIF, up to 2 MB.
            </Text>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            {partner.hasLogo ? "Shown on the partner locator." : "No logo yet."}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
