import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Meilisearch } from 'meilisearch';
import type { SkillNeighbour } from '@brobygger/contracts';
import { jobId } from '@brobygger/contracts';
import { addToOutbox } from '@brobygger/persistence';
import { SKILLS_INDEX, indexUid } from '@brobygger/search';
import { computeNeighbours } from '@brobygger/taxonomy';
import { TAXONOMY_SCHEMA as S } from '../schema';
import { indexTaxonomy } from './taxonomy-indexer';
import { readManifest, readTaxonomy, TaxonomyDataError, type TaxonomyData } from './taxonomy-source';
import { TaxonomyWriter } from './taxonomy-writer';

export interface ImportOptions {
  orm: MikroORM;
  meili: Meilisearch;
  indexPrefix: string;
  dataDir: string;
  log: (message: string) => void;
}

export interface ImportOutcome {
  version: string;
  /** unchanged: nothing to do; imported: tables and indexes written; reindexed: only the indexes rebuilt. */
  status: 'unchanged' | 'imported' | 'reindexed';
  skipped: TaxonomyData['skipped'];
}

/**
 * `npm run taxonomy:import`: loads the release in `dataDir` into PostgreSQL and Meilisearch.
 *
 * - Idempotent: the same version with the same checksum is a no-op (unless the search indexes were lost,
 *   then only they are rebuilt). The same version with other bytes is refused: bump the version.
 * - All or nothing: files are checked and parsed before anything is written; tables are written in one
 *   transaction that also holds an advisory lock, so two imports at once run one after the other; the
 *   indexes are built beside the live ones and swapped in before that transaction commits.
 */
export async function importTaxonomy(o: ImportOptions): Promise<ImportOutcome> {
  const manifest = readManifest(o.dataDir);
  return o.orm.em.fork().transactional(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('brobygger.taxonomy-import'))`);
    const [current] = await em.execute<{ checksum: string; indexed_at: Date | null }[]>(
      `select checksum, indexed_at from ${S}.release where version = ?`,
      [manifest.version],
    );
    if (current && current.checksum !== manifest.checksum) {
      throw new TaxonomyDataError(
        `version ${manifest.version} is already imported with different data; ` +
          'give the new data a new version in manifest.json',
      );
    }
    if (current?.indexed_at && (await indexLooksWhole(o, em))) {
      o.log(`taxonomy ${manifest.version} is already imported; nothing to do`);
      return { version: manifest.version, status: 'unchanged', skipped: [] };
    }

    o.log(`reading taxonomy ${manifest.version} from ${o.dataDir}`);
    const data = readTaxonomy(o.dataDir);
    if (!current) {
      o.log('computing skill neighbours');
      const skillIds = new Set(data.skills.map((s) => s.id));
      const neighbours: SkillNeighbour[] = computeNeighbours(
        [
          ...data.skillBroader.map((b) => ({ from: b.conceptId, to: b.broaderId, kind: 'broader' as const })),
          ...data.skillRelations.map((r) => ({ from: r.skillId, to: r.relatedSkillId, kind: r.relation })),
        ],
        data.occupationSkills,
        // ESCO's skill groups have `skill/` ids too: only real skills are broader, narrower or siblings.
        { isSkill: (id) => skillIds.has(id) },
      );
      o.log(`writing ${data.skills.length} skills, ${data.occupations.length} occupations`);
      await new TaxonomyWriter(em).write(data, neighbours);
      // Skill neighbours (near misses) and labels feed every stored score: rescore them all, once per
      // version, sent by the taxonomy service's outbox relay when this transaction commits.
      addToOutbox(
        em,
        { name: 'matching.rescore-all', data: { reason: `taxonomy ${manifest.version}` } },
        { jobId: jobId('rescore-all', 'taxonomy', manifest.version.replaceAll(':', '-')) },
      );
    }
    o.log('building the search indexes');
    await indexTaxonomy(o.meili, o.indexPrefix, data);
    await em.execute(`update ${S}.release set indexed_at = now() where version = ?`, [manifest.version]);
    o.log(`taxonomy ${manifest.version} imported`);
    return { version: manifest.version, status: current ? 'reindexed' : 'imported', skipped: data.skipped };
  });
}

/** Meilisearch may have lost its data (a dev server without a volume): then the indexes need a rebuild. */
async function indexLooksWhole(o: ImportOptions, em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from ${S}.skill where retired_in is null`,
  );
  const stats = await o.meili
    .index(indexUid(o.indexPrefix, SKILLS_INDEX))
    .getStats()
    .catch(() => undefined);
  return stats !== undefined && stats.numberOfDocuments === row?.n;
}
