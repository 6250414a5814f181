import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useNavigate } from "react-router";
import { Page } from "../../components/Page";
import { formatDateTime } from "../../lib/format";
import { NewsCrumbs } from "./NewsCrumbs";
import { useCreatePost } from "./news.api";
import { PendingAttachments, uploadAll } from "./PostAttachments";
import { PostForm, showApiErrors } from "./PostForm";
import { inputOf } from "./post.form";

export function PostNewPage() {
  const create = useCreatePost();
  const navigate = useNavigate();
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  return (
    <Page title="New post" description={<NewsCrumbs title="New post" />}>
      <PostForm
        post={null}
        pending={create.isPending || uploading}
        error={create.error}
        attachments={<PendingAttachments files={files} onChange={setFiles} />}
        onSubmit={(values, status, form) =>
          create.mutate(inputOf(values, status === "published" ? "published" : "draft"), {
            onSuccess: async (post) => {
              if (files.length) {
                setUploading(true);
                await uploadAll(post.id, files);
                setUploading(false);
              }
              notifications.show({
                color: "teal",
                message:
                  post.state === "scheduled"
                    ? `${post.title} is scheduled for ${formatDateTime(post.publishAt)}.`
                    : post.state === "published"
                      ? `${post.title} is published.`
                      : `${post.title} was saved as a draft.`,
              });
              navigate(`/news/${post.id}/edit`);
            },
            onError: (error) => showApiErrors(form, error),
          })
        }
      />
    </Page>
  );
}
