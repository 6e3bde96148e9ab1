/**
 * `text` cut to at most `max` UTF-16 units (what a string's length and the API's limits count),
 * ending in `marker` when cut. Never splits a character made of two units.
 */
export function clippedText(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  const room = max - marker.length;
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > room) break;
    kept += character;
  }
  return kept.trimEnd() + marker;
}
