import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from './validation.pipe';

const pipe = createValidationPipe();

/**
 * For specs: the messages of the 400 answer the validation pipe gives a request, joined by "; ".
 * Fails when the pipe accepts it.
 */
export async function validationErrorOf(
  metatype: new () => object,
  value: unknown,
  type: 'body' | 'query' = 'body',
): Promise<string> {
  try {
    await pipe.transform(value, { type, metatype });
  } catch (err) {
    if (err instanceof BadRequestException) return (err.getResponse() as { message: string[] }).message.join('; ');
    throw err;
  }
  throw new Error('expected a validation error');
}
