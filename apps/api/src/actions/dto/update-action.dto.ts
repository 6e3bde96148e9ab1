import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { ActionStatus } from '@app/domain';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';
import { TrackerRefDto } from '../../trackers/dto/tracker-ref.dto';
import { MAX_WONT_FIX_REASON_LENGTH } from '../action.constants';
import { ActionFieldsDto } from './action-fields.dto';

/**
 * Only the fields given change; null clears a nullable field. `skipNullProperties: false`: a
 * field that cannot be null when created cannot be set to null either (an explicit null is
 * validated and refused, as `@IfDefined()` does). closedAt is not set by hand: the workflow sets it.
 */
export class UpdateActionDto extends PartialType(OmitType(ActionFieldsDto, ['closedAt']), {
  skipNullProperties: false,
}) {
  /** Not in the future, and not after dueAt, implementedAt or closedAt. */
  declare openedAt?: string;

  /**
   * Not before openedAt; null for no due date. A due date left to its default (the priority's SLO
   * from openedAt) follows openedAt and priority when they change; once given here it stays.
   */
  declare dueAt?: string | null;

  /**
   * Moves the action along the workflow: open → in_progress → implemented → verified; wont_fix
   * from any non-terminal status; implemented → in_progress (rolled back); verified → in_progress
   * (reopened). A person sets verified only on an action without success metrics, with a
   * verificationNote. Any other move is a 409 naming the allowed ones.
   */
  declare status?: ActionStatus;

  /** Only with status implemented: when the fix shipped (default now); not in the future, not before openedAt. */
  declare implementedAt?: string;

  /**
   * Only with status wont_fix: why the action is closed without a fix (trimmed, 1..1000
   * characters). Not a field of the action: the move's audit event records it as `changes.reason`.
   */
  @IfDefined()
  @NotBlank()
  @Length(1, MAX_WONT_FIX_REASON_LENGTH)
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  reason?: string;

  /** Links the action to this tracker issue, replacing the link it had; null unlinks; absent leaves it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackerRefDto)
  @IsObject()
  tracker?: TrackerRefDto | null;
}
