import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { isPartnerRole } from "@trellis/shared";
import { useMe } from "../../auth/session";
import { useSuggestions } from "./knowledge.api";
import { articlePath } from "./knowledge.labels";

interface KnowledgeSuggestionsProps {
  /** What the user has typed so far: subject and description. */
  text: string;
  /** The ticket's products: their articles rank first among equal matches. */
  productIds?: readonly string[];
}

const noProducts: readonly string[] = [];

/**
 * For a new-ticket form: knowledge-base articles matching the words typed, as the user types
 * (each opens in a new tab, so the draft ticket stays). Renders nothing when nothing matches.
 */
export function KnowledgeSuggestions({ text, productIds = noProducts }: KnowledgeSuggestionsProps) {
  const [debounced] = useDebouncedValue(text, 400);
  const me = useMe();
  const suggestions = useSuggestions(debounced, productIds);
  const items = debounced.trim().length >= 2 ? (suggestions.data ?? []) : [];
  const side = me.data && !isPartnerRole(me.data.role) ? "vendor" : "portal";
  return (
    <div aria-live="polite">
      {items.length === 0 ? null : (
        <Paper withBorder p="md" bg="var(--mantine-color-default-hover)" component="section" aria-labelledby="kb-suggestions-heading">
          <Stack gap="xs">
            <Title order={2} size="h5" id="kb-suggestions-heading">
              These articles may already answer it
            </Title>
            <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {items.map((article) => (
                <li key={article.id}>
                  <Anchor href={articlePath(side, article.id)} target="_blank" rel="noopener" fw={600} size="sm">
                    {article.title}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </Anchor>
                  {article.summary || article.snippet ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {article.summary || article.snippet}
                    </Text>
                  ) : null}
                </li>
              ))}
            </Stack>
          </Stack>
        </Paper>
      )}
    </div>
  );
}
