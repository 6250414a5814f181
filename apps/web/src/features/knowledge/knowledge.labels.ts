import type { ArticleStatus } from "@trellis/shared";
import type { ArticleSort } from "../../api/types";

export const articleStatusLabels: Record<ArticleStatus, string> = { draft: "Draft", published: "Published", archived: "Archived" };
export const articleStatusColors: Record<ArticleStatus, string> = { draft: "gray", published: "teal", archived: "dark" };

export const articleSortOptions: { value: ArticleSort; label: string }[] = [
  { value: "relevance", label: "Best match" },
  { value: "newest", label: "Recently updated" },
  { value: "most_viewed", label: "Most viewed" },
  { value: "most_solved", label: "Most often solved it" },
];

/** "3 views", "1 view". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The portal and the vendor console keep articles at different addresses. */
export function articlePath(side: "portal" | "vendor", id: string): string {
  return side === "portal" ? `/portal/knowledge/${id}` : `/support/knowledge/${id}`;
}
