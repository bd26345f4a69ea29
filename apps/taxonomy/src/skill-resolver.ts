import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { LOGGER, type Logger } from '@brobygger/platform';
import { coreSkills, LabelIndex, REUSE_LEVEL_PRIOR, type LabelEntry } from '@brobygger/taxonomy';
import { ReleaseCache } from './release-cache';
import { TaxonomyRepository } from './taxonomy.repository';

/**
 * Occupation names in these languages stand for the occupation's core skills when typed as a skill
 * ("kokk", "welder", "طباخ"). Others are left out: they would add noise to fuzzy matching and nobody here
 * types them.
 */
const OCCUPATION_NAME_LANGS = ['nb', 'nn', 'en', 'ar', 'uk'] as const;

/**
 * A term's concepts keep the order the glossary gives them (each next one a hair less sure); an occupation's
 * name is less sure than a word for the skill itself, because it says what someone did, not what they can do.
 */
const TERM_STEP = 0.01;
const OCCUPATION_NAME_WEIGHT = 0.9;

export interface LoadedLabels {
  version: string;
  index: LabelIndex;
  /**
   * A name for each skill by language: ESCO's preferred label (`en` always, `nb` for some), else, in a language
   * ESCO has none in, the first glossary word that names this skill first, so an Arabic or
   * Ukrainian reader sees "لحام" rather than "operate welding equipment".
   */
  preferred: Map<string, Map<string, string>>;
  types: Map<string, string>;
  reuseLevels: Map<string, string | null>;
}

/**
 * The skills' labels in memory (about 110k ESCO labels, Norwegian ones where ESCO has published them, the
 * glossary's words and occupation names standing for their core skills; a few MB), for resolving free text and
 * extracting skills from paragraphs without a network round trip per phrase. Loaded on first use and reloaded
 * when an import has brought a new release or an admin changed the glossary, so the service need not restart.
 */
@Injectable()
export class SkillResolver {
  private readonly cache: ReleaseCache<LoadedLabels>;

  constructor(
    private readonly orm: MikroORM,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cache = new ReleaseCache(
      async () => {
        const repo = new TaxonomyRepository(orm.em.fork());
        const [release, glossary] = await Promise.all([repo.currentRelease(), repo.glossaryRevision()]);
        return release && { version: `${release.version}#${glossary}` };
      },
      (version) => this.load(version),
    );
  }

  /** Null while no release has been imported (asked again on every call until one is). */
  labels(): Promise<LoadedLabels | null> {
    return this.cache.get();
  }

  /** The glossary changed in this process: look again now, waiting for the new index when `wait` is set. */
  async reload(wait: boolean): Promise<void> {
    if (wait) await this.cache.latest();
    else this.cache.refresh();
  }

  private async load(version: string): Promise<LoadedLabels> {
    const repo = new TaxonomyRepository(this.orm.em.fork());
    const [rows, priors, glossary, names, links] = await Promise.all([
      repo.skillLabels(),
      repo.skillPriors(),
      repo.glossaryTerms(),
      repo.occupationNames(OCCUPATION_NAME_LANGS),
      repo.essentialLinks(),
    ]);
    const preferred = new Map<string, Map<string, string>>();
    for (const r of rows) {
      if (r.kind !== 'preferred') continue;
      const byLang = preferred.get(r.id) ?? new Map<string, string>();
      byLang.set(r.lang, r.label);
      preferred.set(r.id, byLang);
    }
    const live = new Set(preferred.keys());
    // Glossary words come in the order they were written, each concept's main word first.
    for (const g of glossary) {
      const byLang = preferred.get(g.skillIds[0]);
      if (byLang && !byLang.has(g.lang)) byLang.set(g.lang, g.term);
    }
    const entries: LabelEntry[] = rows.map((r) => ({
      conceptId: r.id,
      label: r.label,
      kind: r.kind,
      lang: r.lang,
    }));
    for (const g of glossary) {
      g.skillIds
        .filter((id) => live.has(id))
        .forEach((id, i) =>
          entries.push({
            conceptId: id,
            label: g.term,
            kind: 'term',
            lang: g.lang,
            weight: 1 - i * TERM_STEP,
            tag: 'glossary',
          }),
        );
    }
    const core = coreSkills(links);
    for (const n of names) {
      (core.get(n.id) ?? []).forEach((id, i) =>
        entries.push({
          conceptId: id,
          label: n.label,
          kind: 'term',
          lang: n.lang,
          weight: OCCUPATION_NAME_WEIGHT - i * TERM_STEP,
          tag: n.id,
        }),
      );
    }
    const index = new LabelIndex(
      entries,
      new Map(priors.map((p) => [p.id, REUSE_LEVEL_PRIOR[p.reuseLevel ?? ''] ?? 0])),
    );
    const types = new Map(priors.map((p) => [p.id, p.type]));
    const reuseLevels = new Map(priors.map((p) => [p.id, p.reuseLevel]));
    this.logger.info({ version, labels: index.size, glossary: glossary.length }, 'skill labels loaded');
    return { version, index, preferred, types, reuseLevels };
  }
}
