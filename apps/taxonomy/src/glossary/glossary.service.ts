import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import {
  Conflict,
  NotFound,
  ValidationFailed,
  jobId,
  type AddGlossaryEntryDto,
  type GlossaryEntryView,
  type GlossaryLang,
  type GlossaryQueryDto,
  type Page,
  type UpdateGlossaryEntryCommand,
} from '@brobygger/contracts';
import { addToOutbox } from '@brobygger/persistence';
import { requestContext } from '@brobygger/platform';
import { SkillResolver } from '../skill-resolver';
import { TaxonomyRepository } from '../taxonomy.repository';
import { GlossaryRepository, type GlossaryRow } from './glossary.repository';

/**
 * The glossary as admins keep it: list, add, change and review entries. A change takes effect in
 * normalisation within the resolver's release check (at once in this process) and rescores every stored match
 * like a new taxonomy release, because near misses and resolved words may have moved.
 */
@Injectable()
export class GlossaryService {
  constructor(
    private readonly orm: MikroORM,
    private readonly resolver: SkillResolver,
  ) {}

  async list(q: GlossaryQueryDto): Promise<Page<GlossaryEntryView>> {
    const em = this.orm.em.fork();
    const { rows, total } = await new GlossaryRepository(em).page(q);
    return { items: await this.views(em, rows), total, limit: q.limit, offset: q.offset };
  }

  async add(dto: AddGlossaryEntryDto): Promise<GlossaryEntryView> {
    return this.write(async (repo) => {
      await this.checkSkills(repo, dto.skillIds);
      const row = await repo.insert({
        lang: dto.lang,
        term: dto.term,
        skillIds: [...new Set(dto.skillIds)],
        note: dto.note || null,
        by: actor(),
      });
      if (!row) throw new Conflict(`"${dto.term}" is already in the ${dto.lang} glossary`);
      return row;
    });
  }

  async update(cmd: UpdateGlossaryEntryCommand): Promise<GlossaryEntryView> {
    return this.write(async (repo) => {
      if (cmd.skillIds) await this.checkSkills(repo, cmd.skillIds);
      const row = await repo.update(cmd.id, {
        ...(cmd.skillIds ? { skillIds: [...new Set(cmd.skillIds)] } : {}),
        ...(cmd.note !== undefined ? { note: cmd.note || null } : {}),
        ...(cmd.status ? { status: cmd.status } : {}),
        by: actor(),
      });
      if (!row) throw new NotFound(`No glossary entry ${cmd.id}`);
      return row;
    });
  }

  /** The write, the rescore it calls for and the resolver's reload: one transaction, then a fresh index. */
  private async write(fn: (repo: GlossaryRepository) => Promise<GlossaryRow>): Promise<GlossaryEntryView> {
    const em = this.orm.em.fork();
    const row = await em.transactional(async (tx) => {
      const written = await fn(new GlossaryRepository(tx));
      addToOutbox(
        tx,
        { name: 'matching.rescore-all', data: { reason: `glossary revision ${written.revision}` } },
        { jobId: jobId('rescore-all', 'glossary', written.revision) },
      );
      return written;
    });
    this.resolver.invalidate();
    const [view] = await this.views(em, [row]);
    return view;
  }

  private async checkSkills(repo: GlossaryRepository, ids: string[]): Promise<void> {
    const live = await repo.liveSkills(ids);
    const unknown = ids.filter((id) => !live.has(id));
    if (unknown.length) {
      throw new ValidationFailed([
        { field: 'skillIds', messages: [`unknown skill id(s) ${unknown.join(', ')}`] },
      ]);
    }
  }

  private async views(em: EntityManager, rows: GlossaryRow[]): Promise<GlossaryEntryView[]> {
    const labels = new Map(
      (
        await new TaxonomyRepository(em).conceptLabels('skill', [...new Set(rows.flatMap((r) => r.skillIds))])
      ).map((c) => [c.id, c.label]),
    );
    return rows.map((r) => ({
      id: r.id,
      lang: r.lang as GlossaryLang,
      term: r.term,
      skills: r.skillIds.map((id) => ({ id, label: labels.get(id) ?? id })),
      note: r.note,
      source: 'glossary',
      origin: r.origin,
      status: r.status,
      reviewedBy: r.reviewedBy,
      reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
      createdBy: r.createdBy,
      updatedAt: new Date(r.updatedAt).toISOString(),
    }));
  }
}

/** The signed-in admin; the gateway refuses these calls without one. */
function actor(): string {
  const sub = requestContext.get()?.actor?.sub;
  if (!sub)
    throw new ValidationFailed([{ field: 'actor', messages: ['a glossary change needs a signed-in admin'] }]);
  return sub;
}
