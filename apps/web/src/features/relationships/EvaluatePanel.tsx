import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/format";
import { useEvaluateNow } from "./portfolio.api";
import { plural } from "./portfolio.format";

/** Runs the daily evaluation now (refresh, then raise and clear flags) and says what it found. */
export function EvaluatePanel() {
  const evaluate = useEvaluateNow();
  const result = evaluate.data;
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-label="Evaluation">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            Evaluation
          </Title>
          <Text size="sm" c="dimmed">
            Every day the figures are refreshed and each partner is checked: net contribution over the window, health against the threshold, support
            against its allowance. Flags are raised and cleared, and the owning channel manager is told. Run it now after changing the settings to see
            the effect at once.
          </Text>
        </div>
        <Group>
          <Button onClick={() => evaluate.mutate()} loading={evaluate.isPending} variant="default">
            Run evaluation now
          </Button>
        </Group>
        {evaluate.isPending ? <Progress value={100} animated striped aria-label="Evaluating partners" /> : null}
        <ErrorAlert error={evaluate.error} title="The evaluation did not run" />
        {result ? (
          <Alert
            color={result.raised > 0 ? "orange" : "teal"}
            title={`Evaluated ${plural(result.partners, "partner")} for ${formatDate(result.today)}`}
            aria-live="polite"
          >
            {plural(result.raised, "flag")} raised, {result.cleared} cleared; {plural(result.open, "flag")} open now. Refresh took{" "}
            {Math.round(result.refreshMs)} ms, the whole run {Math.round(result.ms)} ms.{" "}
            <Anchor component={Link} to="/relationships?flagged=1">
              See the flagged partners
            </Anchor>
            .
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
