import { Entity } from 'typeorm';
import {
  BooleanColumn,
  NullableTimestampColumn,
  TextColumn,
  TimestampColumn,
  UuidColumn,
  UuidPrimaryKey,
} from './columns';

/** A post-mortem's public summary at its public address (docs/publishing.md). */
@Entity('postmortem_publications')
export class PublicationEntity {
  @UuidPrimaryKey()
  id: string;

  @UuidColumn()
  postmortemId: string;

  /** The public address's last segment: fixed at publication, never reused. */
  @TextColumn()
  slug: string;

  /** Markdown written for the public; the post-mortem's own summary is internal and never shown. */
  @TextColumn()
  summary: string;

  @BooleanColumn()
  includeTimeline: boolean;

  @BooleanColumn()
  includeActions: boolean;

  @TimestampColumn()
  publishedAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  /** Set when withdrawn; the address then answers 410 Gone. */
  @NullableTimestampColumn()
  withdrawnAt: Date | null;
}
