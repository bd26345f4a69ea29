import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { labelFallback, ServiceUnavailable, type TaxonomySearchQueryDto } from '@brobygger/contracts';
import { LOGGER, type Logger } from '@brobygger/platform';
import { TitleIndex } from '@brobygger/taxonomy';
import { TaxonomyRepository } from '../taxonomy.repository';
import { OccupationTitleRepository } from './occupation-title.repository';
import { ReleaseCache } from '../release-cache';

export interface OccupationTitleHit {
  id: string;
  /** `preferred_<lang>` → the occupation's preferred label in that language. */
  preferred: Record<string, string>;
  /** The label, in any language, that matched the title best. */
  matchedLabel: string;
  iscoGroup: string;
}

interface Loaded {
  index: TitleIndex;
  preferred: Map<string, Record<string, string>>;
  iscoGroup: Map<string, string>;
}

/**
 * Job titles → ESCO occupations (see `TitleIndex`): every occupation label of the release in memory (about
 * 100k, built in a second or two), the team's supplement of everyday titles ESCO lacks among them. Rebuilt when
 * an import brings a new release.
 */
@Injectable()
export class OccupationTitles implements OnApplicationBootstrap {
  private readonly cache: ReleaseCache<Loaded>;

  constructor(
    orm: MikroORM,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cache = new ReleaseCache(
      () => new TaxonomyRepository(orm.em.fork()).currentRelease(),
      async (version) => {
        const repo = new OccupationTitleRepository(orm.em.fork());
        const [rows, groups] = await Promise.all([repo.labels(), repo.iscoGroups()]);
        const iscoGroup = new Map(groups.map((g) => [g.id, g.iscoGroup]));
        const preferred = new Map<string, Record<string, string>>();
        for (const r of rows) {
          if (r.kind !== 'preferred') continue;
          (preferred.get(r.id) ?? preferred.set(r.id, {}).get(r.id)!)[`preferred_${r.lang}`] = r.label;
        }
        const index = new TitleIndex(
          rows.map((r) => ({ conceptId: r.id, label: r.label, kind: r.kind, lang: r.lang })),
        );
        logger.info({ version, labels: index.size }, 'occupation titles loaded');
        return { index, preferred, iscoGroup };
      },
    );
  }

  /** Building the matcher takes a few seconds: at start, not in the first user's autocomplete. */
  onApplicationBootstrap(): void {
    this.cache
      .get()
      .catch((err: unknown) => this.logger.warn({ err }, 'occupation titles not loaded at start'));
  }

  async search(q: TaxonomySearchQueryDto): Promise<OccupationTitleHit[]> {
    const loaded = await this.cache.get();
    if (!loaded) throw new ServiceUnavailable('The taxonomy has not been imported yet');
    // Typed as the user types: the last word may be unfinished.
    return loaded.index
      .search(q.q, { langs: labelFallback(q.lang), limit: q.limit, prefix: true })
      .map((h) => ({
        id: h.conceptId,
        preferred: loaded.preferred.get(h.conceptId) ?? {},
        matchedLabel: h.label,
        iscoGroup: loaded.iscoGroup.get(h.conceptId) ?? '',
      }));
  }
}
