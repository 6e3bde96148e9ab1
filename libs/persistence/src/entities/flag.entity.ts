import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlagKind } from '@app/domain';

/** One row per raise; cleared (clearedAt set), never deleted, when the condition ends. */
@Entity('flags')
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @Column({ type: 'text' })
  kind: FlagKind;

  @Column({ type: 'timestamptz' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt: Date | null;

  @Column({ type: 'text' })
  reason: string;
}
