import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { LOGGER, type Logger } from '@brobygger/platform';
import { LabelIndex, OCCUPATION_NAME_LANGS, REUSE_LEVEL_PRIOR, resolverEntries } from '@brobygger/taxonomy';
import { ReleaseCache } from './release-cache';
import { TaxonomyRepository } from './taxonomy.repository';

export interface LoadedLabels {
  version: string;
  index: LabelIndex;
  /** A name for each skill by language (see ResolverEntries.names). */
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
    const { entries, names: preferred } = resolverEntries({
      skillLabels: rows,
      glossary,
      occupationNames: names,
      essentialLinks: links,
    });
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
