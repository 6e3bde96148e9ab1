/** A configuration problem found at start; the message names the offending key. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`invalid configuration at "${key}": ${detail}`);
    this.name = 'ConfigError';
  }
}
