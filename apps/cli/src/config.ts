import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './exit-codes';

export interface CliConfig {
  url: string;
  key: string;
}

export interface ConfigSources {
  /** `--url`, `--key`: win over everything. */
  flags: { url?: string; key?: string; config?: string };
  env: NodeJS.ProcessEnv;
  home: string;
  /** Reads a file, or undefined when there is none (injected so the rules test without a disk). */
  readFile?: (path: string) => string | undefined;
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';
export const defaultConfigPath = (home: string) => join(home, '.config', 'remediation', 'config.yaml');

const readIfPresent = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

/**
 * Where the server and key come from, first found wins: `--url`/`--key`, then `REMEDIATION_URL` /
 * `REMEDIATION_KEY`, then the config file (`--config`, else ~/.config/remediation/config.yaml,
 * with `url` and `key`). A `--config` that does not exist, or a file that is not a YAML mapping,
 * is a usage error; so is no key at all, naming the ways to give one.
 */
export function resolveConfig(sources: ConfigSources): CliConfig {
  const read = sources.readFile ?? readIfPresent;
  const path = sources.flags.config ?? defaultConfigPath(sources.home);
  const text = read(path);
  if (text === undefined && sources.flags.config) throw new UsageError(`config file ${path} does not exist`);
  const file = text === undefined ? {} : parseConfigFile(path, text);
  const url = sources.flags.url ?? sources.env.REMEDIATION_URL ?? file.url ?? DEFAULT_URL;
  const key = sources.flags.key ?? sources.env.REMEDIATION_KEY ?? file.key;
  if (!key) {
    throw new UsageError(
      `no API key: pass --key, set REMEDIATION_KEY, or put "key: …" in ${path} (an admin issues keys: remediation keys issue)`,
    );
  }
  return { url, key };
}

function parseConfigFile(path: string, text: string): { url?: string; key?: string } {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    throw new UsageError(`config file ${path} is not valid YAML: ${(err as Error).message}`);
  }
  if (parsed == null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`config file ${path} must be a mapping with url and key`);
  const { url, key } = parsed as Record<string, unknown>;
  for (const [name, value] of Object.entries({ url, key })) {
    if (value !== undefined && typeof value !== 'string')
      throw new UsageError(`config file ${path}: ${name} must be text`);
  }
  return { url: url as string | undefined, key: key as string | undefined };
}
