import MarkdownIt from "markdown-it";

/**
 * Page assets are markdown rendered on the server. Raw HTML is escaped (html: false), links
 * allow only http(s), mailto and the app's own paths, and images only the library's own
 * uploaded images, so a page can never carry script or pull in a tracking pixel.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const libraryImagePath = /^\/api\/v1\/library\/images\/[0-9a-f]{64}$/;

markdown.validateLink = (url: string) => /^(https?:|mailto:|\/(?!\/))/i.test(url.trim());

const defaultImage = markdown.renderer.rules.image;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const src = String(token?.attrGet("src") ?? "");
  if (!token || !libraryImagePath.test(src)) return markdown.utils.escapeHtml(token?.content ?? "");
  token.attrSet("loading", "lazy");
  return defaultImage ? defaultImage(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
};

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:/i.test(href)) {
    token.attrSet("rel", "noopener noreferrer nofollow");
    token.attrSet("target", "_blank");
  }
  return self.renderToken(tokens, index, options);
};

export function renderPageMarkdown(source: string): string {
  return markdown.render(source);
}

/** The words of a page, for the search index: markdown syntax and URLs dropped. */
export function pageText(source: string): string {
  return source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/[#*_>`~[\]|-]+/g, " ");
}
