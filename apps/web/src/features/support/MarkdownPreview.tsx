import { Anchor, Blockquote, Code, List, Tabs, Text, Textarea, Typography } from "@mantine/core";
import { type ReactNode, useState } from "react";

/*
 * A small markdown preview built from React elements, so nothing typed is ever inserted as HTML.
 * It covers what people write in tickets (headings, lists, code, quotes, emphasis, links); the server
 * renders the stored text with markdown-it, which is what everyone sees once it is sent.
 */

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "code"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "paragraph"; text: string };

const listItem = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/;

function blocksOf(markdown: string): Block[] {
  const lines = markdown.replaceAll("\r\n", "\n").split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (line.trim() === "") {
      index += 1;
      continue;
    }
    if (line.trimStart().startsWith("```")) {
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !(lines[index] ?? "").trimStart().startsWith("```")) code.push(lines[index++] ?? "");
      index += 1;
      blocks.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1]?.length ?? 1, text: heading[2] ?? "" });
      index += 1;
      continue;
    }
    const item = listItem.exec(line);
    if (item) {
      const ordered = item[1] !== undefined;
      const items: string[] = [];
      while (index < lines.length) {
        const next = listItem.exec(lines[index] ?? "");
        if (!next || (next[1] !== undefined) !== ordered) break;
        items.push(next[2] ?? "");
        index += 1;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (line.startsWith(">")) {
      const quote: string[] = [];
      while (index < lines.length && (lines[index] ?? "").startsWith(">")) quote.push((lines[index++] ?? "").replace(/^>\s?/, ""));
      blocks.push({ kind: "quote", text: quote.join(" ") });
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length) {
      const next = lines[index] ?? "";
      if (next.trim() === "" || /^(#{1,6}\s|```|>)/.test(next) || listItem.test(next)) break;
      paragraph.push(next);
      index += 1;
    }
    blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
  }
  return blocks;
}

const inline = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*]+\*|_[^_]+_)|(\[[^\]]+\]\([^)\s]+\))/;

function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href) ? href : null;
}

function inlineOf(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    const match = inline.exec(rest);
    if (!match) {
      nodes.push(rest);
      break;
    }
    if (match.index > 0) nodes.push(rest.slice(0, match.index));
    const [token] = match;
    key += 1;
    if (match[1]) nodes.push(<Code key={key}>{token.slice(1, -1)}</Code>);
    else if (match[2]) nodes.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    else if (match[3]) nodes.push(<em key={key}>{token.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = safeHref(link?.[2] ?? "");
      nodes.push(
        href ? (
          <Anchor key={key} href={href} target="_blank" rel="noreferrer noopener">
            {link?.[1]}
          </Anchor>
        ) : (
          token
        ),
      );
    }
    rest = rest.slice(match.index + token.length);
  }
  return nodes;
}

export function MarkdownPreview({ markdown }: { markdown: string }) {
  const blocks = blocksOf(markdown);
  if (blocks.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing to preview yet.
      </Text>
    );
  }
  return (
    <Typography>
      {blocks.map((block, index) => {
        const key = `${index}-${block.kind}`;
        if (block.kind === "heading") {
          const size = Math.min(6, block.level + 2);
          return (
            <Text key={key} fw={700} size={size <= 3 ? "lg" : "md"} mt="sm" mb={4}>
              {inlineOf(block.text)}
            </Text>
          );
        }
        if (block.kind === "code") {
          return (
            <Code key={key} block mb="sm">
              {block.text}
            </Code>
          );
        }
        if (block.kind === "quote") return <Blockquote key={key}>{inlineOf(block.text)}</Blockquote>;
        if (block.kind === "list") {
          return (
            <List key={key} type={block.ordered ? "ordered" : "unordered"} mb="sm">
              {block.items.map((item, itemIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: list items of a preview have no identity beyond their place
                <List.Item key={itemIndex}>{inlineOf(item)}</List.Item>
              ))}
            </List>
          );
        }
        return <p key={key}>{inlineOf(block.text)}</p>;
      })}
    </Typography>
  );
}

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  placeholder?: string;
  minRows?: number;
  required?: boolean;
}

/** A markdown textarea with a Write / Preview switch. */
export function MarkdownEditor({ label, value, onChange, error, description, placeholder, minRows = 6, required }: MarkdownEditorProps) {
  const [tab, setTab] = useState<string | null>("write");
  return (
    <Tabs value={tab} onChange={setTab} variant="outline" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="write">Write</Tabs.Tab>
        <Tabs.Tab value="preview">Preview</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="write" pt="xs">
        <Textarea
          label={label}
          description={description ?? "Markdown: # headings, - lists, **bold**, `code`, [links](https://…)."}
          placeholder={placeholder}
          autosize
          minRows={minRows}
          maxRows={24}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          required={required}
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs" aria-label={`${label} preview`}>
        <MarkdownPreview markdown={value} />
        {error ? (
          <Text size="sm" c="red" mt={4}>
            {error}
          </Text>
        ) : null}
      </Tabs.Panel>
    </Tabs>
  );
}
