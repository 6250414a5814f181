import { Button, Group, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import { errorMessage } from "../../api/client";
import { useUploadImage } from "./library.api";

interface MarkdownFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
}

/** A plain markdown textarea; "Insert image" uploads the picture and puts `![](url)` where the cursor was. */
export function MarkdownField({ value, onChange, error, label = "Page text (markdown)" }: MarkdownFieldProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const upload = useUploadImage();

  const insert = (text: string) => {
    const element = area.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    // An image on its own line renders as a block, not inline in a sentence.
    const prefix = before && !before.endsWith("\n") ? "\n" : "";
    const next = `${before}${prefix}${text}\n${value.slice(end)}`;
    onChange(next);
    const caret = start + prefix.length + text.length + 1;
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  };

  return (
    <div>
      <Textarea
        ref={area}
        label={label}
        description="Headings with #, lists with -, **bold**, [links](https://…). HTML is shown as text."
        autosize
        minRows={10}
        maxRows={30}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      />
      <Group gap="xs" mt={6}>
        <input
          ref={picker}
          type="file"
          hidden
          accept="image/png,image/jpeg,image/webp,image/gif"
          aria-label="Image to insert"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (!file) return;
            upload.mutate(file, {
              onSuccess: (image) => insert(`![${file.name.replace(/\.[^.]+$/, "").replace(/[[\]]/g, "")}](${image.url})`),
              onError: (failure) => notifications.show({ color: "red", title: "Image not uploaded", message: errorMessage(failure) }),
            });
          }}
        />
        <Button size="xs" variant="default" loading={upload.isPending} onClick={() => picker.current?.click()}>
          Insert image
        </Button>
        <Text size="xs" c="dimmed">
          PNG, JPEG, WebP or GIF.
        </Text>
      </Group>
    </div>
  );
}
