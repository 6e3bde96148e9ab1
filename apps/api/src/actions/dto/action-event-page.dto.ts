import { ActionEventDto } from './action-event.dto';

export class ActionEventPageDto {
  /** Oldest first. */
  items: ActionEventDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
