import { MedianDurationDto } from './median-duration.dto';

/** How long verified actions took, from openedAt and from implementedAt to closedAt. */
export class TimeToVerifyDto {
  openToVerified: MedianDurationDto;
  /** Verified actions with an implementedAt (a fix that shipped, then proved itself or was checked). */
  implementedToVerified: MedianDurationDto;
}
