import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { importTaxonomy, type ImportOptions } from '../../apps/taxonomy/src/import/taxonomy-import';
import { TaxonomyDataError } from '../../apps/taxonomy/src/import/taxonomy-source';
import { taxonomyOrmConfig } from '../../apps/taxonomy/src/mikro-orm.config';
import { isolate, TAXONOMY_FIXTURE, type Isolation } from '@brobygger/testing';

/** Copies the fixture so a test can alter it, and rewrites the manifest's checksums when asked to. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-taxonomy-'));
  cpSync(TAXONOMY_FIXTURE, dir, { recursive: true });
  return dir;
}

function rewriteCsv(dir: string, file: string, edit: (csv: string) => string, fixManifest: boolean): void {
  const path = join(dir, file);
  const bytes = gzipSync(edit(gunzipSync(readFileSync(path)).toString('utf8')));
  writeFileSync(path, bytes);
  if (!fixManifest) return;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    version: string;
    files: Record<string, string>;
  };
  manifest.files[file] = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

function setVersion(dir: string, version: string): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...manifest, version }));
}

describe('taxonomy import', () => {
  let iso: Isolation;
  let orm: MikroORM;
  let db: Client;
  let meili: Meilisearch;
  const dirs: string[] = [];
  const opts = (dataDir: string): ImportOptions => ({
    orm,
    meili,
    indexPrefix: iso.meiliPrefix,
    dataDir,
    log: () => undefined,
  });
  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
  const counts = () =>
    one<{ skills: number; labels: number; links: number; neighbours: number }>(
      `select (select count(*)::int from taxonomy.skill) as skills,
              (select count(*)::int from taxonomy.skill_label) as labels,
              (select count(*)::int from taxonomy.occupation_skill) as links,
              (select count(*)::int from taxonomy.skill_neighbour) as neighbours`,
    );

  beforeAll(async () => {
    iso = await isolate();
    orm = await MikroORM.init(taxonomyOrmConfig(iso.databaseUrl));
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    meili = new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey });
  });
  afterAll(async () => {
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    await db?.end();
    await orm?.close(true);
  });

  it('loads the release into the tables and both search indexes, then does nothing the second time', async () => {
    const first = await importTaxonomy(opts(TAXONOMY_FIXTURE));
    expect(first).toMatchObject({ version: 'fixture-2', status: 'imported' });
    const after = await counts();
    expect(after.skills).toBe(487);
    expect(after.links).toBeGreaterThan(487);
    expect(after.neighbours).toBeGreaterThan(0);
    // ESCO's skill groups have `skill/` ids too; neither they nor skills that merely share one are neighbours.
    const viaGroups = await one<{ n: number }>(
      `select count(*)::int as n from taxonomy.skill_neighbour n
       where n.other_id in (select id from taxonomy.skill_group)
          or (n.reason = 'sibling' and not exists (
                select 1 from taxonomy.skill_broader a join taxonomy.skill_broader b on a.broader_id = b.broader_id
                join taxonomy.skill p on p.id = a.broader_id
                where a.concept_id = n.skill_id and b.concept_id = n.other_id))`,
    );
    expect(viaGroups.n).toBe(0);
    const stats = await meili.index(`${iso.meiliPrefix}taxonomy-skills`).getStats();
    expect(stats.numberOfDocuments).toBe(487);
    const occupations = await meili.index(`${iso.meiliPrefix}taxonomy-occupations`).getStats();
    expect(occupations.numberOfDocuments).toBe(10);

    const { imported_at: before } = await one<{ imported_at: Date }>(
      'select imported_at from taxonomy.release',
    );
    // Matching hears of the new release through the outbox: one "rescore everything" per version.
    const rescore = () =>
      db.query(`select job_name, job_id from taxonomy.outbox where job_name = 'matching.rescore-all'`);
    expect((await rescore()).rows).toEqual([
      { job_name: 'matching.rescore-all', job_id: 'rescore-all.taxonomy.fixture-2' },
    ]);
    expect(await importTaxonomy(opts(TAXONOMY_FIXTURE))).toMatchObject({ status: 'unchanged' });
    expect(await counts()).toEqual(after);
    expect((await rescore()).rowCount).toBe(1);
    expect(
      (await one<{ imported_at: Date }>('select imported_at from taxonomy.release')).imported_at,
    ).toEqual(before);
  });

  it('rebuilds only the search indexes when Meilisearch lost them', async () => {
    await meili.deleteIndex(`${iso.meiliPrefix}taxonomy-skills`).waitTask();
    expect(await importTaxonomy(opts(TAXONOMY_FIXTURE))).toMatchObject({ status: 'reindexed' });
    const stats = await meili.index(`${iso.meiliPrefix}taxonomy-skills`).getStats();
    expect(stats.numberOfDocuments).toBe(487);
  });

  it('refuses the same version with different data, and changes nothing', async () => {
    const dir = copyFixture();
    dirs.push(dir);
    rewriteCsv(
      dir,
      'skill_groups_en.csv.gz',
      (csv) => csv.replace('\n', '\nisced-f/99,,extra group,\n'),
      true,
    );
    const before = await counts();
    await expect(importTaxonomy(opts(dir))).rejects.toThrow(/already imported with different data/);
    expect(await counts()).toEqual(before);
  });

  it('stops on a corrupted file with its name, leaving the previous release in place', async () => {
    const dir = copyFixture();
    dirs.push(dir);
    setVersion(dir, 'fixture-3');
    // Bytes that no longer match the manifest: a truncated download, a bad disk.
    const path = join(dir, 'occupation_skill_relations.csv.gz');
    writeFileSync(path, readFileSync(path).subarray(0, 500));
    const before = await counts();
    const err = (await importTaxonomy(opts(dir)).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(TaxonomyDataError);
    expect(err.message).toMatch(/occupation_skill_relations\.csv\.gz is corrupted/);
    expect(await counts()).toEqual(before);
    expect((await one<{ n: number }>('select count(*)::int as n from taxonomy.release')).n).toBe(1);
  });

  it('stops on a malformed row with file and line, even when the checksum was updated to match', async () => {
    const dir = copyFixture();
    dirs.push(dir);
    setVersion(dir, 'fixture-3');
    rewriteCsv(
      dir,
      'skill_skill_relations.csv.gz',
      (csv) => csv.replace(/\n([^,\n]+),(essential|optional),/, '\n$1,sometimes,'),
      true,
    );
    const before = await counts();
    await expect(importTaxonomy(opts(dir))).rejects.toThrow(
      /skill_skill_relations\.csv line 2: relationType "sometimes"/,
    );
    expect(await counts()).toEqual(before);
  });

  it('a new version updates in place: ids stay, labels change, a dropped skill is retired not deleted', async () => {
    const dir = copyFixture();
    dirs.push(dir);
    setVersion(dir, 'fixture-3');
    const { id: dropped } = await one<{ id: string }>(
      `select id from taxonomy.skill s where not exists
         (select 1 from taxonomy.skill_relation r where r.skill_id = s.id or r.related_skill_id = s.id)
       order by id limit 1`,
    );
    rewriteCsv(
      dir,
      'skills_en.csv.gz',
      (csv) =>
        csv
          .split('\n')
          .filter((line) => !line.startsWith(`${dropped},`))
          .join('\n')
          .replace(/\nskill\/([0-9a-f-]{36}),([^,]*),([^,]*),([^,]*),/, '\nskill/$1,$2,$3,$4 (v2),'),
      true,
    );
    // Links and hierarchy must not name the dropped skill, or the release is inconsistent.
    for (const file of ['occupation_skill_relations.csv.gz', 'skill_broader.csv.gz']) {
      rewriteCsv(
        dir,
        file,
        (csv) =>
          csv
            .split('\n')
            .filter((l) => !l.includes(dropped))
            .join('\n'),
        true,
      );
    }
    const ids = async () =>
      (await db.query<{ id: string }>('select id from taxonomy.skill order by id')).rows.map((r) => r.id);
    const before = await ids();
    expect(await importTaxonomy(opts(dir))).toMatchObject({ version: 'fixture-3', status: 'imported' });
    expect(await ids()).toEqual(before);
    expect(await one('select retired_in from taxonomy.skill where id = $1', [dropped])).toEqual({
      retired_in: 'fixture-3',
    });
    expect(
      (
        await one<{ n: number }>(
          `select count(*)::int as n from taxonomy.skill where preferred_label like '% (v2)'`,
        )
      ).n,
    ).toBe(1);
    const stats = await meili.index(`${iso.meiliPrefix}taxonomy-skills`).getStats();
    expect(stats.numberOfDocuments).toBe(486);
  });
});
