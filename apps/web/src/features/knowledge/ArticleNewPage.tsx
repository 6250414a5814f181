import { notifications } from "@mantine/notifications";
import { useNavigate, useSearchParams } from "react-router";
import { Page } from "../../components/Page";
import { ArticleCrumbs } from "./ArticleCrumbs";
import { ArticleForm, showApiErrors } from "./ArticleForm";
import { inputOf } from "./article.form";
import { useCreateArticle } from "./knowledge.api";

/** A new article; `?title=&summary=&productIds=a,b&sourceTicketId=` start it from a ticket. */
export function ArticleNewPage() {
  const create = useCreateArticle();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sourceTicketId = params.get("sourceTicketId");
  const seed = {
    title: params.get("title") ?? undefined,
    summary: params.get("summary") ?? undefined,
    productIds: params.get("productIds")?.split(",").filter(Boolean),
  };
  return (
    <Page title="New article" description={<ArticleCrumbs listPath="/support/knowledge" title="New article" />}>
      <ArticleForm
        article={null}
        seed={seed}
        pending={create.isPending}
        error={create.error}
        submitLabel="Create article"
        onSubmit={(values, form) =>
          create.mutate(
            { ...inputOf(values), ...(sourceTicketId ? { sourceTicketId } : {}) },
            {
              onSuccess: (article) => {
                notifications.show({
                  color: "teal",
                  message: article.status === "published" ? `${article.title} is published.` : `${article.title} was saved as a ${article.status}.`,
                });
                navigate(`/support/knowledge/${article.id}`);
              },
              onError: (error) => showApiErrors(form, error),
            },
          )
        }
      />
    </Page>
  );
}
