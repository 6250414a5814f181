import { ActionIcon, Anchor, Group, Input, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "../../api/client";
import type { PostDetail } from "../../api/types";
import { formatBytes } from "../support/support.format";
import { newsKey, uploadPostAttachment, useRemoveAttachment } from "./news.api";

const accept = ".pdf,.png,.jpg,.jpeg,.webp,.gif,.zip,.txt,.csv,.docx,.xlsx,.pptx,.mp4";
const description = "PDFs, images, office documents, zip archives or short videos. The type is checked from the file itself.";

/** A new post's files: kept here until the post is saved, then uploaded by the page. */
export function PendingAttachments({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const id = useId();
  return (
    <Input.Wrapper label="Attachments" description={`${description} They are uploaded when you save.`} id={id}>
      <input
        id={id}
        type="file"
        multiple
        accept={accept}
        onChange={(event) => {
          const chosen = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = "";
          if (chosen.length) onChange([...files, ...chosen]);
        }}
        style={{ display: "block", marginTop: 4, fontSize: "var(--mantine-font-size-sm)", maxWidth: "100%" }}
      />
      {files.length ? (
        <Stack gap={4} mt="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Chosen files">
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {file.name}{" "}
                  <Text span size="xs" c="dimmed">
                    {formatBytes(file.size)}
                  </Text>
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => onChange(files.filter((_, i) => i !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
    </Input.Wrapper>
  );
}

/** Uploads files to a saved post, one after another; answers how many failed. */
export async function uploadAll(postId: string, files: File[], onProgress?: (name: string, fraction: number) => void): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      await uploadPostAttachment(postId, file, (fraction) => onProgress?.(file.name, fraction));
    } catch (error) {
      failed += 1;
      notifications.show({ color: "red", title: `${file.name} not attached`, message: errorMessage(error) });
    }
  }
  return failed;
}

/** A saved post's files: uploaded as soon as they are chosen, removable. */
export function PostAttachments({ post }: { post: PostDetail }) {
  const id = useId();
  const client = useQueryClient();
  const remove = useRemoveAttachment(post.id);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);

  const upload = async (files: File[]) => {
    await uploadAll(post.id, files, (name, fraction) => setProgress({ name, fraction }));
    setProgress(null);
    await client.invalidateQueries({ queryKey: [...newsKey, "posts", "detail", post.id] });
  };

  return (
    <Input.Wrapper label="Attachments" description={description} id={id}>
      <input
        id={id}
        type="file"
        multiple
        accept={accept}
        disabled={progress !== null}
        onChange={(event) => {
          const chosen = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = "";
          if (chosen.length) void upload(chosen);
        }}
        style={{ display: "block", marginTop: 4, fontSize: "var(--mantine-font-size-sm)", maxWidth: "100%" }}
      />
      {progress ? <Progress value={progress.fraction * 100} size="sm" mt="xs" aria-label={`Upload of ${progress.name}`} /> : null}
      {post.attachments.length ? (
        <Stack gap={4} mt="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Attached files">
          {post.attachments.map((file) => (
            <li key={file.id}>
              <Group gap="xs" wrap="nowrap">
                <Anchor href={file.url} download={file.fileName} size="sm" style={{ overflowWrap: "anywhere" }}>
                  {file.fileName}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${file.fileName}`}
                  loading={remove.isPending && remove.variables === file.id}
                  onClick={() =>
                    remove.mutate(file.id, {
                      onError: (error) => notifications.show({ color: "red", title: "Not removed", message: errorMessage(error) }),
                    })
                  }
                >
                  ×
                </ActionIcon>
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
    </Input.Wrapper>
  );
}
