import MarkdownIt from "markdown-it";

/**
 * Post bodies are markdown rendered on the server, as the library's pages are: raw HTML is escaped
 * (html: false), links allow only http(s), mailto and the app's own paths, and images only the
 * news feed's and the library's own uploaded images, so a post can never carry script or pull in a
 * tracking pixel. Any other image is shown as its alt text.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const allowedImagePaths = [
  /^\/api\/v1\/news\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  /^\/api\/v1\/library\/images\/[0-9a-f]{64}$/,
];

markdown.validateLink = (url: string) => /^(https?:|mailto:|\/(?!\/))/i.test(url.trim());

const defaultImage = markdown.renderer.rules.image;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const src = String(token?.attrGet("src") ?? "");
  if (!token || !allowedImagePaths.some((path) => path.test(src))) return markdown.utils.escapeHtml(token?.content ?? "");
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

export function renderPostMarkdown(source: string): string {
  return markdown.render(source);
}

/** The words of a post body: markdown syntax, image references and URLs dropped. */
export function postText(source: string): string {
  return source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/[#*_>`~[\]|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const excerptLength = 240;

/** The opening of a post for the feed: plain text, cut at a word boundary with an ellipsis. */
export function excerptOf(source: string): string {
  const text = postText(source);
  const chars = Array.from(text);
  if (chars.length <= excerptLength) return text;
  const cut = chars.slice(0, excerptLength).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > excerptLength * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
