import type { FieldChanges, PostmortemEventType } from '@app/persistence';

/** One change to a post-mortem's publication. */
export class PostmortemEventDto {
  id: string;
  at: string;
  /** The name of the API key or of the signed-in person that made the change. */
  actor: string;
  /** published, publication_updated or withdrawn. */
  type: PostmortemEventType;
  /** `{field: {from, to}}` for each field that changed; a publication's `slug` is in each. */
  changes: FieldChanges;
}

export class PostmortemEventPageDto {
  /** Oldest first. */
  items: PostmortemEventDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
