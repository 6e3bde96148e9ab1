import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config.errors';

/** Each secret a tracker entry may give inline or as a file (e.g. a mounted Kubernetes secret). */
const SECRET_FIELDS = ['token', 'webhookSecret'] as const;

type Entry = Record<string, unknown>;

/**
 * The tracker entries with every `<secret>File` replaced by the file's content, trimmed (a file
 * written by `echo` ends in a newline). Relative paths are read from `cwd`. A file that cannot be
 * read, is empty, or comes with the inline value as well stops the start, naming the field.
 */
export function withTrackerSecretFiles(trackers: unknown, cwd: string): unknown {
  if (!Array.isArray(trackers)) return trackers;
  return trackers.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    return SECRET_FIELDS.reduce((read, field) => fromFile(read, field, `trackers.${i}`, cwd), entry as Entry);
  });
}

function fromFile(entry: Entry, field: string, at: string, cwd: string): Entry {
  const fileField = `${field}File`;
  if (!(fileField in entry)) return entry;
  const { [fileField]: file, ...rest } = entry;
  if (field in entry) throw new ConfigError(`${at}.${field}`, `give ${field} or ${fileField}, not both`);
  if (typeof file !== 'string' || file.trim() === '') throw new ConfigError(`${at}.${fileField}`, 'a file path');
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    // The code only (ENOENT, EACCES): the message is the same, and never anything the file holds.
    throw new ConfigError(`${at}.${fileField}`, `cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
  }
  const value = text.trim();
  if (value === '') throw new ConfigError(`${at}.${fileField}`, `${path} is empty`);
  return { ...rest, [field]: value };
}
