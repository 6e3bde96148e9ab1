import { FlagDto } from './flag.dto';

export class FlagPageDto {
  /** Newest raise first. */
  items: FlagDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
