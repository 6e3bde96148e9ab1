import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@app/domain';

export class CreateKeyDto {
  /** A name that says who or what uses the key; recorded as the actor of every change made with it. */
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\s].*[^\s]$|^[^\s]$/, { message: 'name must not start or end with whitespace' })
  name: string;

  /** viewer (read), editor (write), admin (keys), ingest (OTLP only), scorer (run scoring). */
  @IsIn(ROLES)
  role: Role;
}
