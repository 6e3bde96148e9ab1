/** Size of `text` once stored, in UTF-8 bytes (what a size limit on stored text must count). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
