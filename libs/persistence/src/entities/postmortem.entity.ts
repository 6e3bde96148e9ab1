import { Entity } from 'typeorm';
import { BigintColumn, JsonbColumn, TextColumn, TimestampColumn, UuidPrimaryKey } from './columns';
import { NullableTextColumn, NullableTimestampColumn } from './columns';

export type PostmortemKind = 'incident' | 'success' | 'premortem';
export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export interface TimelineEntry {
  at: string;
  text: string;
}

export interface ContributingFactor {
  kind: 'trigger' | 'latent';
  category: 'people' | 'process' | 'technology';
  text: string;
}

@Entity('postmortems')
export class PostmortemEntity {
  @UuidPrimaryKey()
  id: string;

  /** Insertion order, for stable cursor pagination; never exposed. */
  @BigintColumn({ insert: false, update: false, select: false })
  seq: string;

  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  @NullableTextColumn()
  sourceId: string | null;

  @TextColumn()
  kind: PostmortemKind;

  @TextColumn()
  title: string;

  @NullableTextColumn()
  severity: Severity | null;

  @NullableTimestampColumn()
  occurredAt: Date | null;

  @NullableTimestampColumn()
  resolvedAt: Date | null;

  @TextColumn({ array: true, default: () => "'{}'" })
  services: string[];

  @TextColumn({ default: '' })
  summary: string;

  @JsonbColumn({ default: () => "'[]'" })
  timeline: TimelineEntry[];

  @JsonbColumn({ default: () => "'[]'" })
  contributingFactors: ContributingFactor[];

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
