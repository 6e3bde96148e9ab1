import { Entity } from 'typeorm';
import type { FieldChanges } from '@app/domain';
import { JsonbColumn, TextColumn, TimestampColumn, UuidColumn, UuidPrimaryKey } from './columns';

export type PostmortemEventType = 'published' | 'publication_updated' | 'withdrawn';

/** One change made to a post-mortem's public summary: who, when, what. */
@Entity('postmortem_events')
export class PostmortemEventEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  postmortemId: string;

  @TimestampColumn()
  at: Date;

  /** The API key's or the signed-in person's name. */
  @TextColumn()
  actor: string;

  @TextColumn()
  type: PostmortemEventType;

  @JsonbColumn({ default: () => "'{}'" })
  changes: FieldChanges;
}
