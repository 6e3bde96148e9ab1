import { DomainError } from '../domain.errors';

/** The DomainError that `run` throws; any other outcome fails the spec. */
export function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
