import { EntityRepository } from '@mikro-orm/postgresql';
import { NotFound } from '@brobygger/contracts';
import type { Candidate } from './candidate.entity';

export class CandidateNotFound extends NotFound {
  constructor(id: string) {
    super(`Candidate ${id} not found`);
  }
}

export class CandidateRepository extends EntityRepository<Candidate> {
  async getById(id: string): Promise<Candidate> {
    const found = await this.findOne({ id });
    if (!found) throw new CandidateNotFound(id);
    return found;
  }
}
