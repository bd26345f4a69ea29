import { EntityRepository, LockMode } from '@mikro-orm/postgresql';
import { NotFound } from '@brobygger/contracts';
import type { Opening } from './opening.entity';

export class OpeningNotFound extends NotFound {
  constructor(id: string) {
    super(`Opening ${id} not found`);
  }
}

export class OpeningRepository extends EntityRepository<Opening> {
  async getById(id: string): Promise<Opening> {
    const found = await this.findOne({ id });
    if (!found) throw new OpeningNotFound(id);
    return found;
  }

  /**
   * For a state change inside a transaction: the row stays locked until commit, so two publishes at once
   * run one after the other and the second sees the first's result (a 409), not an optimistic-lock error.
   */
  async getForUpdate(id: string): Promise<Opening> {
    const found = await this.findOne({ id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) throw new OpeningNotFound(id);
    return found;
  }
}
