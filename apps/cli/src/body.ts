import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './exit-codes';

/** `a,b,c` as a list, for the API's list fields (services). */
export const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A flag's number, refused by commander (exit 2) when it is none. */
export function number(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('not a number');
  return n;
}

/** A JSON object from `--file` (`-` reads stdin): the base a create or update's flags add to. */
export function readBodyFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path} is not JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`${path} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

/**
 * The request body: the file's object, then every flag that was given under its API field name
 * (`mapping`: option name → field). Values are sent as given; the API names what it refuses.
 */
export function bodyFrom(
  opts: Record<string, unknown>,
  mapping: Record<string, string>,
  file?: string,
): Record<string, unknown> {
  const body = readBodyFile(file);
  for (const [option, field] of Object.entries(mapping)) {
    if (opts[option] !== undefined) body[field] = opts[option];
  }
  return body;
}

/** An update needs something to change: an empty PATCH is a usage error, not a silent no-op. */
export function requireSome(body: Record<string, unknown>, what: string): Record<string, unknown> {
  if (Object.keys(body).length === 0)
    throw new UsageError(`nothing to ${what}: give at least one field flag or --file`);
  return body;
}
