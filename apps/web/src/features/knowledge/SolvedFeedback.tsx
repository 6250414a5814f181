import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ArticleDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useArticleFeedback } from "./knowledge.api";
import { plural } from "./knowledge.labels";

/** "Did this solve it?": one answer per user, which can be changed; the counts update in place. */
export function SolvedFeedback({ article }: { article: ArticleDetail }) {
  const feedback = useArticleFeedback(article.id);
  const canOpenTicket = useCan("support:open");
  const answer = (solved: boolean) => {
    if (article.myVote !== solved) feedback.mutate(solved);
  };
  const pending = (solved: boolean) => feedback.isPending && feedback.variables === solved;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id="solved-heading">
          Did this solve it?
        </Title>
        <Group gap="xs" role="group" aria-labelledby="solved-heading">
          <Button
            variant={article.myVote === true ? "filled" : "default"}
            color="teal"
            aria-pressed={article.myVote === true}
            loading={pending(true)}
            onClick={() => answer(true)}
          >
            Yes ({article.solvedCount})
          </Button>
          <Button
            variant={article.myVote === false ? "filled" : "default"}
            color="red"
            aria-pressed={article.myVote === false}
            loading={pending(false)}
            onClick={() => answer(false)}
          >
            No ({article.notSolvedCount})
          </Button>
        </Group>
        <ErrorAlert error={feedback.error} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {article.myVote === true
            ? "Thanks: glad it helped. Your answer tells the support team which articles work."
            : article.myVote === false
              ? "Sorry it did not help. Open a support ticket and say what you tried; you can change your answer here later."
              : `${plural(article.solvedCount, "partner user")} said this solved it.`}
        </Text>
        {article.myVote === false && canOpenTicket ? (
          <Anchor component={Link} to="/portal/support/new" size="sm">
            Open a support ticket
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}
