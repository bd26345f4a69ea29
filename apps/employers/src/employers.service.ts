import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import {
  Conflict,
  Forbidden,
  NotFound,
  Unprocessable,
  ValidationFailed,
  jobId,
  type CreateEmployerDto,
  type CreateOpeningDto,
  type EmployerView,
  type OpeningRequirements,
  type OpeningView,
} from '@brobygger/contracts';
import { addToOutbox, OutboxRelay } from '@brobygger/persistence';
import { requestContext } from '@brobygger/platform';
import { Employer } from './employer.entity';
import { Opening } from './opening.entity';
import { isValidOrgNumber } from './org-number';

export class EmployerNotFound extends NotFound {
  constructor(id: string) {
    super(`Employer ${id} not found`);
  }
}

export class OpeningNotDraft extends Conflict {
  constructor(id: string, status: string) {
    super(`Opening ${id} is ${status}; only a draft can be published`);
  }
}

function toEmployerView(e: Employer): EmployerView {
  return {
    id: e.id,
    name: e.name,
    orgNumber: e.orgNumber,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
  };
}

function toOpeningView(o: Opening): OpeningView {
  return {
    id: o.id,
    employerId: o.employerId,
    title: o.title,
    type: o.type,
    ...(o.description ? { description: o.description } : {}),
    mustHaveSkills: o.mustHaveSkills,
    niceToHaveSkills: o.niceToHaveSkills,
    status: o.status,
    version: o.version,
    ...(o.publishedAt ? { publishedAt: o.publishedAt.toISOString() } : {}),
    createdAt: o.createdAt.toISOString(),
  };
}

/** Employer users act only for their own employer; staff and admins for any. */
function assertMayActFor(employerId: string): void {
  const actor = requestContext.get()?.actor;
  if (actor?.role === 'employer' && actor.employerId !== employerId) {
    throw new Forbidden('Employer users may only manage their own employer');
  }
}

@Injectable()
export class EmployersService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
  ) {}

  async createEmployer(dto: CreateEmployerDto): Promise<EmployerView> {
    if (!isValidOrgNumber(dto.orgNumber)) {
      throw new ValidationFailed([
        { field: 'orgNumber', messages: ['orgNumber fails the MOD11 check digit'] },
      ]);
    }
    const em = this.orm.em.fork();
    const employer = em.create(Employer, { name: dto.name.trim(), orgNumber: dto.orgNumber });
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new Conflict(`An employer with organisation number ${dto.orgNumber} already exists`, [
          { field: 'orgNumber', messages: ['already registered'] },
        ]);
      }
      throw err;
    }
    return toEmployerView(employer);
  }

  async getEmployer(id: string): Promise<EmployerView> {
    assertMayActFor(id);
    const employer = await this.orm.em.fork().findOne(Employer, { id });
    if (!employer) throw new EmployerNotFound(id);
    return toEmployerView(employer);
  }

  async createOpening(employerId: string, dto: CreateOpeningDto): Promise<OpeningView> {
    assertMayActFor(employerId);
    const em = this.orm.em.fork();
    if (!(await em.count(Employer, { id: employerId }))) throw new EmployerNotFound(employerId);
    const opening = em.create(Opening, {
      employerId,
      title: dto.title.trim(),
      type: dto.type,
      description: dto.description ?? null,
      mustHaveSkills: dto.mustHaveSkills,
      niceToHaveSkills: dto.niceToHaveSkills ?? [],
    });
    await em.flush();
    return toOpeningView(opening);
  }

  async getOpening(id: string): Promise<OpeningView> {
    const opening = await this.orm.em.fork().getRepository(Opening).getById(id);
    assertMayActFor(opening.employerId);
    return toOpeningView(opening);
  }

  /** Publishing and its event to matching commit together, or not at all. */
  async publishOpening(id: string): Promise<OpeningView> {
    const opening = await this.orm.em.fork().transactional(async (em) => {
      const o = await em.getRepository(Opening).getForUpdate(id);
      assertMayActFor(o.employerId);
      if (o.status !== 'draft') throw new OpeningNotDraft(id, o.status);
      if (!o.mustHaveSkills.length) {
        throw new Unprocessable('An opening needs at least one must-have skill before it is published', [
          { field: 'mustHaveSkills', messages: ['at least one must-have skill is required to publish'] },
        ]);
      }
      o.status = 'published';
      o.publishedAt = new Date();
      await em.flush();
      addToOutbox(
        em,
        { name: 'opening.changed', data: { openingId: o.id, version: o.version } },
        { jobId: jobId('ochg', o.id, o.version) },
      );
      return o;
    });
    this.relay.nudge();
    return toOpeningView(opening);
  }

  /** What matching reads to score an opening; null when it no longer exists. */
  async openingRequirements(id: string): Promise<OpeningRequirements | null> {
    const o = await this.orm.em.fork().findOne(Opening, { id });
    if (!o) return null;
    return {
      openingId: o.id,
      employerId: o.employerId,
      version: o.version,
      status: o.status,
      title: o.title,
      mustHaveSkills: o.mustHaveSkills,
      niceToHaveSkills: o.niceToHaveSkills,
    };
  }
}
