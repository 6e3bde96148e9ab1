// Node's hook for util.inspect and console.log; a symbol from the global registry keeps this free of node:util.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[redacted]';

/**
 * A credential read from the configuration. Its value leaves only through `reveal()`, at the one
 * place that sends it; printed, logged, interpolated or serialised, it reads `[redacted]`, so a dump
 * of the configuration never carries it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return `Secret(${REDACTED})`;
  }
}
