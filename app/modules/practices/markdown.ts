import MarkdownIt from "markdown-it";

/*
 * Markdown of a good practice → HTML. `html: false` makes markdown-it escape every raw HTML tag
 * (no <script>, no onerror=…), and its default `validateLink` refuses javascript:, vbscript:,
 * file: and non-image data: URLs: the output is safe by construction, with no sanitiser pass.
 * Links open in the same tab; external ones get rel="noopener noreferrer".
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderPracticeMarkdown(source: string): string {
  return markdown.render(source);
}
