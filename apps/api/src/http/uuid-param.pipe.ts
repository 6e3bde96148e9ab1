import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalidInput } from '@app/domain';

/** Route ids must be UUIDs: a malformed id is a 400 naming the parameter, never a 500. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw invalidInput(`${metadata.data ?? 'id'} must be a UUID`);
    return value;
  }
}
