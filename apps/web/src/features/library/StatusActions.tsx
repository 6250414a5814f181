import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssetStatus } from "@trellis/shared";
import { errorMessage } from "../../api/client";
import type { AssetDetail } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useUpdateAsset } from "./library.api";

const done: Record<AssetStatus, string> = {
  published: "is published: partners in its audience can see it.",
  draft: "is a draft again: partners no longer see it.",
  archived: "is archived: partners no longer see it and it leaves the default lists.",
};

/** Publish, unpublish, archive: the only way an asset reaches partners or leaves them. */
export function StatusActions({ asset }: { asset: AssetDetail }) {
  const update = useUpdateAsset(asset.id);
  const setStatus = (status: AssetStatus) =>
    update.mutate(
      { status },
      {
        onSuccess: (saved) => notifications.show({ color: "teal", message: `${saved.title} ${done[status]}` }),
        onError: (error) => notifications.show({ color: "red", title: "Status not changed", message: errorMessage(error) }),
      },
    );
  const pendingFor = (status: AssetStatus) => update.isPending && update.variables?.status === status;
  const noContent = asset.format === "file" && asset.currentVersion === 0;
  return (
    <>
      {asset.status !== "published" ? (
        <Button
          onClick={() => setStatus("published")}
          loading={pendingFor("published")}
          disabled={noContent}
          title={noContent ? "Upload the file first" : undefined}
        >
          Publish
        </Button>
      ) : (
        <Button variant="default" onClick={() => setStatus("draft")} loading={pendingFor("draft")}>
          Unpublish
        </Button>
      )}
      {asset.status === "archived" ? (
        <Button variant="default" onClick={() => setStatus("draft")} loading={pendingFor("draft")}>
          Restore as draft
        </Button>
      ) : (
        <ConfirmButton
          variant="light"
          color="red"
          question={`Archive ${asset.title}? Partners stop seeing it; its versions and usage stay, and you can restore it.`}
          confirmLabel="Archive"
          loading={pendingFor("archived")}
          onConfirm={() => setStatus("archived")}
        >
          Archive
        </ConfirmButton>
      )}
    </>
  );
}
