import { EntityRepository } from '@mikro-orm/postgresql';
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
}
