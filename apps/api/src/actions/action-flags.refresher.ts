import { Injectable, Logger } from '@nestjs/common';
import { ScoringService } from '@app/evaluation';

/**
 * Brings an action's flags up to date right after a change to it (an overdue flag raised by a
 * due date in the past, cleared by a later one) rather than at the next periodic refresh. Runs
 * after the change has committed, never inside its transaction: the embedded database has one
 * connection. A failure here is logged, not returned: the change itself is saved, and the
 * periodic refresh catches up.
 */
@Injectable()
export class ActionFlagsRefresher {
  private readonly logger = new Logger('ActionFlags');

  constructor(private readonly scoring: ScoringService) {}

  async refresh(actionId: string): Promise<void> {
    try {
      await this.scoring.refreshAction(actionId, new Date());
    } catch (err) {
      this.logger.warn(`refreshing the flags of action ${actionId} failed: ${(err as Error).message}`);
    }
  }
}
