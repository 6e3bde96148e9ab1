/**
 * Text the receiver stores (metric names, units, attribute keys and values) must be Unicode
 * without NUL (docs/operation.md, "OTLP receiver limits"): PostgreSQL refuses both a lone UTF-16
 * surrogate (which the OTLP JSON encoding can spell as "\ud800") and U+0000, and stripping either
 * would merge distinct series ("a\u0000b" with "ab"). A point carrying such text is refused.
 */
export const TEXT_REJECT_REASONS = ['invalid_unicode', 'nul_in_text'] as const;
export type TextRejectReason = (typeof TEXT_REJECT_REASONS)[number];

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or null when it can. */
export function textProblem(text: string): TextRejectReason | null {
  if (LONE_SURROGATE.test(text)) return 'invalid_unicode';
  if (text.includes('\u0000')) return 'nul_in_text';
  return null;
}
