import { Anchor, Breadcrumbs } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { Page } from "../../components/Page";
import { AssetForm, showApiErrors } from "./AssetForm";
import { inputOf } from "./asset.form";
import { useCreateAsset } from "./library.api";

export function AssetNewPage() {
  const create = useCreateAsset();
  const navigate = useNavigate();
  return (
    <Page
      title="New asset"
      description={
        <Breadcrumbs>
          <Anchor component={Link} to="/library" size="sm">
            Sales tools
          </Anchor>
          <span>New asset</span>
        </Breadcrumbs>
      }
    >
      <AssetForm
        asset={null}
        pending={create.isPending}
        error={create.error}
        submitLabel="Create draft"
        onSubmit={(values, form) =>
          create.mutate(inputOf(values), {
            onSuccess: (asset) => {
              notifications.show({
                color: "teal",
                message: asset.format === "file" ? `${asset.title} was created. Upload its file next.` : `${asset.title} was created as a draft.`,
              });
              navigate(`/library/assets/${asset.id}?tab=content`);
            },
            onError: (error) => showApiErrors(form, error),
          })
        }
      />
    </Page>
  );
}
