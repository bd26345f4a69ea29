import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import {
  Conflict,
  Forbidden,
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
import { glossaryKey, lockGlossary } from './glossary-key';
import { GlossaryRepository, type GlossaryRow } from './glossary.repository';

/** Changes within one window rescore once, at its end: a review session of a hundred words is one rescore. */
const RESCORE_WINDOW_MS = 5 * 60_000;

/**
 * The glossary as admins keep it: list, add, change and review entries. A change takes effect in
 * normalisation within the resolver's release check (at once in this process). A change of what a word means
 * (a new word, other skills, rejected or no longer rejected) rescores every stored match like a new taxonomy
 * release, so labels and near misses in explanations follow; texts already stored keep the skills they
 * resolved to when they were saved (see the note in the README).
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
    if (!glossaryKey(dto.term)) {
      throw new ValidationFailed([{ field: 'term', messages: ['term must hold a letter or a digit'] }]);
    }
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
      return { row, meaningChanged: true };
    });
  }

  async update(cmd: UpdateGlossaryEntryCommand): Promise<GlossaryEntryView> {
    return this.write(async (repo) => {
      const before = await repo.get(cmd.id);
      if (!before) throw new NotFound(`No glossary entry ${cmd.id}`);
      if (cmd.skillIds) await this.checkSkills(repo, cmd.skillIds);
      const row = await repo.update(cmd.id, {
        ...(cmd.skillIds ? { skillIds: [...new Set(cmd.skillIds)] } : {}),
        ...(cmd.note !== undefined ? { note: cmd.note || null } : {}),
        ...(cmd.status ? { status: cmd.status } : {}),
        by: actor(),
      });
      if (!row) throw new NotFound(`No glossary entry ${cmd.id}`);
      const meaningChanged =
        row.skillIds.join() !== before.skillIds.join() ||
        (row.status === 'rejected') !== (before.status === 'rejected');
      return { row, meaningChanged };
    });
  }

  /** The write and the rescore it calls for in one transaction, then the resolver looks again. */
  private async write(
    fn: (repo: GlossaryRepository) => Promise<{ row: GlossaryRow; meaningChanged: boolean }>,
  ): Promise<GlossaryEntryView> {
    const em = this.orm.em.fork();
    let meaning = false;
    const row = await em.transactional(async (tx) => {
      await lockGlossary(tx);
      const { row: written, meaningChanged } = await fn(new GlossaryRepository(tx));
      meaning = meaningChanged;
      if (meaningChanged) {
        // One job per window (the same job id merges repeats), run when the window closes.
        const now = Date.now();
        const windowEnd = Math.ceil((now + 1) / RESCORE_WINDOW_MS) * RESCORE_WINDOW_MS;
        addToOutbox(
          tx,
          { name: 'matching.rescore-all', data: { reason: `glossary revision ${written.revision}` } },
          { jobId: jobId('rescore-all', 'glossary', windowEnd), delayMs: windowEnd - now },
        );
      }
      return written;
    });
    // A new meaning is answered from this process's next normalisation on (the admin waits a few seconds
    // for the index); other replicas see it within their 30 s release check.
    await this.resolver.reload(meaning);
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
  if (!sub) throw new Forbidden('A glossary change needs a signed-in admin');
  return sub;
}
