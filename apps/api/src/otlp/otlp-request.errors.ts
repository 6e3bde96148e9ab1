export enum OtlpRequestErrorCode {
  Undecodable = 'undecodable',
  UnsupportedMediaType = 'unsupported_media_type',
  TooLarge = 'too_large',
  OverBudget = 'over_budget',
}

/** Why an export request is refused whole; OtlpErrorFilter maps the code to the HTTP status. */
export class OtlpRequestError extends Error {
  constructor(
    readonly code: OtlpRequestErrorCode,
    message: string,
    /** Seconds, for OverBudget. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'OtlpRequestError';
  }
}
