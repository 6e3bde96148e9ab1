import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The README at the repository root (tests run from there). */
export const README_PATH = join(resolve(process.cwd()), 'README.md');

/**
 * The fenced code blocks of one `## ` section of a Markdown document, in order, with their
 * language tag, so a test can run the commands the README shows instead of a copy of them.
 */
export function codeBlocks(markdown: string, section: string, language = 'sh'): string[] {
  const body = sectionBody(markdown, section);
  const blocks: string[] = [];
  const fence = /^```([\w-]*)\n([\s\S]*?)^```$/gm;
  for (const match of body.matchAll(fence)) if (match[1] === language) blocks.push(match[2]);
  return blocks;
}

function sectionBody(markdown: string, section: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line === `## ${section}`);
  if (start < 0) throw new Error(`the README has no "## ${section}" section`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

export function readReadme(): string {
  return readFileSync(README_PATH, 'utf8');
}
