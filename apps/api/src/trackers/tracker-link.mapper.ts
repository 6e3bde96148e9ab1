import type { TrackerLinkEntity } from '@app/persistence';
import type { LinkedIssueDto } from './dto/linked-issue.dto';

export function toLinkedIssueDto(link: TrackerLinkEntity): LinkedIssueDto {
  return {
    name: link.tracker,
    key: link.issueKey,
    url: link.url,
    state: link.state,
    title: link.title,
    seenAt: link.seenAt.toISOString(),
  };
}
