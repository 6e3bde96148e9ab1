/** A post-mortem's live public summary. */
export class PublicationDto {
  /** The public address's last segment: fixed when published, never guessable, never reused. */
  slug: string;
  /** The public page's absolute address; no key needed to read it. */
  url: string;
  summary: string;
  includeTimeline: boolean;
  includeActions: boolean;
  publishedAt: string;
  updatedAt: string;
}
