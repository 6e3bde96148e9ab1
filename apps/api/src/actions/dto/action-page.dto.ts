import { ActionDto } from './action.dto';

export class ActionPageDto {
  /** Newest first. */
  items: ActionDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
