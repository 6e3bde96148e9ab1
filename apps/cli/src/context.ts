import type { ApiClient } from './http/api-client';

/*
 * Stand-in for the CLI's context (the CLI branch has the real one; the lead keeps that at merge):
 * what a command module is handed besides its commander program.
 */
export interface CliContext {
  api(): ApiClient;
  /** `--json`: machine-readable output. */
  json(): boolean;
  out(text: string): void;
  err(text: string): void;
}
