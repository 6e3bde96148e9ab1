import { PostmortemDto } from './postmortem.dto';

export class PostmortemPageDto {
  /** Newest first. */
  items: PostmortemDto[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}
