import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { LOGGER, type Logger } from '@brobygger/platform';
import { LabelIndex, REUSE_LEVEL_PRIOR } from '@brobygger/taxonomy';
import { TaxonomyRepository } from './taxonomy.repository';

/** How often a running service asks whether an import brought a new release. */
const RELEASE_CHECK_MS = 30_000;

export interface LoadedLabels {
  version: string;
  index: LabelIndex;
  preferred: Map<string, string>;
}

/**
 * The skills' labels in memory (about 110k of them, a few MB), for resolving free text and extracting skills
 * from paragraphs without a network round trip per phrase. Loaded on first use and reloaded when an import
 * has brought a new release, so the service need not restart after `npm run taxonomy:import`.
 */
@Injectable()
export class SkillResolver {
  private loaded: Promise<LoadedLabels> | undefined;
  private loadedVersion: string | undefined;
  private checkedAt = 0;

  constructor(
    private readonly orm: MikroORM,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Null while no release has been imported (asked again on every call until one is). */
  async labels(): Promise<LoadedLabels | null> {
    if (this.loaded && Date.now() - this.checkedAt < RELEASE_CHECK_MS) return this.loaded;
    this.checkedAt = Date.now();
    const release = await new TaxonomyRepository(this.orm.em.fork()).currentRelease();
    if (!release) return null;
    if (!this.loaded || this.loadedVersion !== release.version) {
      // Concurrent callers share one load; a failed load is forgotten so the next call tries again.
      const loading = this.load(release.version);
      this.loaded = loading;
      this.loadedVersion = release.version;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = this.loadedVersion = undefined;
      });
    }
    return this.loaded;
  }

  private async load(version: string): Promise<LoadedLabels> {
    const repo = new TaxonomyRepository(this.orm.em.fork());
    const [rows, priors] = await Promise.all([repo.skillLabels(), repo.skillPriors()]);
    const preferred = new Map<string, string>();
    for (const r of rows) if (r.kind === 'preferred' && r.lang === 'en') preferred.set(r.id, r.label);
    const index = new LabelIndex(
      rows.map((r) => ({ conceptId: r.id, label: r.label, kind: r.kind, lang: r.lang })),
      new Map(priors.map((p) => [p.id, REUSE_LEVEL_PRIOR[p.reuseLevel ?? ''] ?? 0])),
    );
    this.logger.info({ version, labels: index.size }, 'skill labels loaded');
    return { version, index, preferred };
  }
}
