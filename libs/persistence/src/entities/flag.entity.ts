import { Entity } from 'typeorm';
import type { FlagKind } from '@app/domain';
import { NullableTimestampColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';

/** One row per raise; cleared (clearedAt set), never deleted, when the condition ends. */
@Entity('flags')
export class FlagEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  actionId: string;

  @TextColumn()
  kind: FlagKind;

  @TimestampColumn()
  raisedAt: Date;

  @NullableTimestampColumn()
  clearedAt: Date | null;

  @TextColumn()
  reason: string;
}
