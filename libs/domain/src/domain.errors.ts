/**
 * Errors the use cases raise. Each carries a code; one exception filter maps codes to HTTP
 * statuses, so services never speak HTTP.
 */
export enum DomainErrorCode {
  InvalidInput = 'invalid_input',
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidTransition = 'invalid_transition',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string): DomainError => new DomainError(DomainErrorCode.InvalidInput, message);
export const notFound = (what: string, id: string): DomainError =>
  new DomainError(DomainErrorCode.NotFound, `${what} ${id} not found`);
export const conflict = (message: string): DomainError => new DomainError(DomainErrorCode.Conflict, message);
export const invalidTransition = (message: string): DomainError =>
  new DomainError(DomainErrorCode.InvalidTransition, message);
