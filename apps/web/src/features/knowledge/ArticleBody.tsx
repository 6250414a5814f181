import { Paper, Text, Typography } from "@mantine/core";

/** An article's body as the server rendered it from markdown (markdown-it, html: false: raw HTML arrives escaped). */
export function ArticleBody({ html, emptyText = "This article has no text yet." }: { html: string; emptyText?: string }) {
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }}>
      {html.trim() ? (
        <Typography>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered markdown with raw HTML escaped, see above */}
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </Typography>
      ) : (
        <Text c="dimmed">{emptyText}</Text>
      )}
    </Paper>
  );
}
