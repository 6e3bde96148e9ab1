import { KeyDto } from './key.dto';

export class KeyPageDto {
  /** Oldest first, revoked keys included. */
  items: KeyDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
