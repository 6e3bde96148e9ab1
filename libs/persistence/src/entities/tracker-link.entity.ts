import { Entity, PrimaryColumn } from 'typeorm';
import { TextColumn, TimestampColumn } from './columns';

/** The issue an action is linked to, as last read from its tracker (docs/trackers.md). */
@Entity('tracker_links')
export class TrackerLinkEntity {
  @PrimaryColumn({ type: 'uuid' })
  actionId: string;

  /** The configured tracker's name. */
  @TextColumn()
  tracker: string;

  /** `owner/repo#123` or `PROJ-42`, in its one spelling. */
  @TextColumn()
  issueKey: string;

  @TextColumn()
  url: string;

  @TextColumn()
  title: string;

  @TextColumn()
  state: 'open' | 'closed';

  /** When the tracker last told us about the issue (a read, a webhook, a poll). */
  @TimestampColumn()
  seenAt: Date;

  @TimestampColumn({ default: () => 'now()', insert: false, update: false })
  createdAt: Date;
}
