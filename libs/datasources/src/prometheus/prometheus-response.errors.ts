/** The body is not a Prometheus HTTP API envelope (a proxy's HTML page, truncated JSON, an unknown resultType). */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}
