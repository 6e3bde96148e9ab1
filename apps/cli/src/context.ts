import type { Command } from 'commander';
import { homedir } from 'node:os';
import { resolveConfig } from './config';
import { ApiClient } from './http/api-client';
import { Output } from './output';

/** What every command gets: the API client (built on first use, from the resolved config) and output. */
export interface CliContext {
  api(): ApiClient;
  output: Output;
}

interface GlobalOptions {
  json?: boolean;
  url?: string;
  key?: string;
  config?: string;
  timeout?: number;
}

export function createContext(program: Command): CliContext {
  const globals = () => program.opts<GlobalOptions>();
  let client: ApiClient | undefined;
  return {
    api() {
      if (!client) {
        const { url, key, config, timeout } = globals();
        const resolved = resolveConfig({ flags: { url, key, config }, env: process.env, home: homedir() });
        client = new ApiClient({ baseUrl: resolved.url, key: resolved.key, timeoutMs: timeout });
      }
      return client;
    },
    output: new Output(() => globals().json === true),
  };
}
