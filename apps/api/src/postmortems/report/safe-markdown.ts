import MarkdownIt from 'markdown-it';

/**
 * Which images a rendered document may load: the service's own (the authenticated write-up), or none
 * at all (the public page, which loads nothing).
 */
export type ImagePolicy = 'same-origin' | 'none';

// A scheme ("https:", "data:") or a host ("//host", and "/\\host", which browsers read the same way).
const NOT_SAME_ORIGIN = /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i;
const WEB_LINK = /^(?:https?:)?\/\//i;

/**
 * Markdown to HTML for text people wrote. HTML written in the Markdown is shown as text, never
 * interpreted; markdown-it refuses script-like link schemes. An image the policy does not allow
 * (a remote one would tell its owner who read the page and when) becomes a link a reader may follow,
 * or, for anything other than a web address, its alt text.
 */
export function safeMarkdown(images: ImagePolicy): (markdown: string) => string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const renderImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const src = String(token.attrGet('src') ?? '');
    if (images === 'same-origin' && !NOT_SAME_ORIGIN.test(src.trim()))
      return renderImage(tokens, index, options, env, self);
    const { escapeHtml: escape } = md.utils;
    const alt = escape(self.renderInlineAsText(token.children ?? [], options, env));
    if (!WEB_LINK.test(src)) return alt;
    return `<a href="${escape(src)}">${alt || escape(src)}</a>`;
  };
  return (markdown) => md.render(markdown);
}
