import type { EntityManager } from '@mikro-orm/postgresql';
import type { SkillNeighbour } from '@brobygger/contracts';
import { TAXONOMY_SCHEMA as S } from '../schema';
import { glossaryKey, lockGlossary } from '../glossary/glossary-key';
import type { TaxonomyData } from './taxonomy-source';

/** JSON documents of this many rows per statement keep each parameter a few MB. */
const CHUNK = 20_000;

type Column = [name: string, sqlType: string];

/**
 * Writes one release into the taxonomy tables. Runs inside the import's transaction, so a failure anywhere
 * leaves the previous release untouched. Rows travel as one JSON parameter per chunk and are unpacked with
 * jsonb_to_recordset: one round trip per 20,000 rows instead of one per row.
 */
export class TaxonomyWriter {
  constructor(private readonly em: EntityManager) {}

  async write(data: TaxonomyData, neighbours: SkillNeighbour[]): Promise<void> {
    const v = data.version;

    // Concepts are upserted, never deleted: ids are ESCO's and other services hold them.
    await this.upsert(
      'skill',
      ['id'],
      [
        ['id', 'text'],
        ['type', 'text'],
        ['reuse_level', 'text'],
        ['preferred_label', 'text'],
        ['description', 'text'],
        ['collections', 'text[]'],
        ['occupation_count', 'int'],
        ['retired_in', 'text'],
      ],
      data.skills.map((s) => ({
        id: s.id,
        type: s.type,
        reuse_level: s.reuseLevel,
        preferred_label: s.preferredLabel,
        description: s.description,
        collections: s.collections,
        occupation_count: s.occupationCount,
        retired_in: null,
      })),
    );
    await this.retireMissing(
      'skill',
      data.skills.map((s) => s.id),
      v,
    );
    await this.upsert(
      'occupation',
      ['id'],
      [
        ['id', 'text'],
        ['isco_group', 'text'],
        ['esco_code', 'text'],
        ['preferred_label', 'text'],
        ['description', 'text'],
        ['regulated_profession_note', 'text'],
        ['retired_in', 'text'],
      ],
      data.occupations.map((o) => ({
        id: o.id,
        isco_group: o.iscoGroup,
        esco_code: o.escoCode,
        preferred_label: o.preferredLabel,
        description: o.description,
        regulated_profession_note: o.regulatedProfessionNote,
        retired_in: null,
      })),
    );
    await this.retireMissing(
      'occupation',
      data.occupations.map((o) => o.id),
      v,
    );

    // Everything else describes the concepts and is replaced as a whole.
    await this.replace(
      'skill_label',
      [
        ['skill_id', 'text'],
        ['lang', 'text'],
        ['kind', 'text'],
        ['label', 'text'],
      ],
      data.skillLabels.map((l) => ({ skill_id: l.skillId, lang: l.lang, kind: l.kind, label: l.label })),
    );
    await this.replace(
      'skill_group',
      [
        ['id', 'text'],
        ['code', 'text'],
        ['preferred_label', 'text'],
      ],
      data.skillGroups.map((g) => ({ id: g.id, code: g.code, preferred_label: g.preferredLabel })),
    );
    await this.replace(
      'skill_broader',
      [
        ['concept_id', 'text'],
        ['broader_id', 'text'],
      ],
      data.skillBroader.map((b) => ({ concept_id: b.conceptId, broader_id: b.broaderId })),
    );
    await this.replace(
      'skill_relation',
      [
        ['skill_id', 'text'],
        ['related_skill_id', 'text'],
        ['relation', 'text'],
      ],
      data.skillRelations.map((r) => ({
        skill_id: r.skillId,
        related_skill_id: r.relatedSkillId,
        relation: r.relation,
      })),
    );
    await this.replace(
      'occupation_label',
      [
        ['occupation_id', 'text'],
        ['lang', 'text'],
        ['kind', 'text'],
        ['label', 'text'],
      ],
      [...data.occupationLabels, ...data.titleSupplement].map((l) => ({
        occupation_id: l.occupationId,
        lang: l.lang,
        kind: l.kind,
        label: l.label,
      })),
    );
    await this.replace(
      'occupation_skill',
      [
        ['occupation_id', 'text'],
        ['skill_id', 'text'],
        ['relation', 'text'],
      ],
      data.occupationSkills.map((l) => ({
        occupation_id: l.occupationId,
        skill_id: l.skillId,
        relation: l.relation,
      })),
    );
    await this.replace(
      'isco_group',
      [
        ['code', 'text'],
        ['level', 'smallint'],
        ['label_en', 'text'],
        ['label_nb', 'text'],
      ],
      data.iscoGroups.map((g) => ({
        code: g.code,
        level: g.level,
        label_en: g.labelEn,
        label_nb: g.labelNb,
      })),
    );
    await this.replace(
      'styrk_group',
      [
        ['code', 'text'],
        ['level', 'smallint'],
        ['name_nb', 'text'],
        ['parent_code', 'text'],
        ['isco_code', 'text'],
        ['nav_category', 'text'],
        ['nav_subcategory', 'text'],
      ],
      data.styrkGroups.map((g) => ({
        code: g.code,
        level: g.level,
        name_nb: g.nameNb,
        parent_code: g.parentCode,
        isco_code: g.iscoCode,
        nav_category: g.navCategory,
        nav_subcategory: g.navSubcategory,
      })),
    );
    await this.replace(
      'skill_neighbour',
      [
        ['skill_id', 'text'],
        ['other_id', 'text'],
        ['score', 'real'],
        ['reason', 'text'],
      ],
      neighbours.map((n) => ({ skill_id: n.skillId, other_id: n.other, score: n.score, reason: n.reason })),
    );
    await this.writeGlossary(data);
    await this.em.execute(
      `insert into ${S}.release (version, checksum, imported_at, skills, occupations, indexed_at)
       values (?, ?, now(), ?, ?, null)
       on conflict (version) do update set checksum = excluded.checksum, imported_at = now(),
         skills = excluded.skills, occupations = excluded.occupations, indexed_at = null`,
      [v, data.checksum, data.skills.length, data.occupations.length],
    );
  }

  /**
   * The shipped glossary joins what admins keep: a new shipped entry is added; a shipped entry nobody has
   * reviewed or changed follows the file; anything an admin reviewed, rejected or added stays as they left it.
   */
  private async writeGlossary(data: TaxonomyData): Promise<void> {
    await lockGlossary(this.em);
    const rows = data.glossary.map((g) => ({
      lang: g.lang,
      term: g.term,
      term_key: glossaryKey(g.term),
      skill_ids: g.skillIds,
      note: g.note,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.em.execute(
        `insert into ${S}.glossary_entry
           (id, lang, term, term_key, skill_ids, note, origin, status, updated_at, revision)
         select gen_random_uuid(), lang, term, term_key, skill_ids, note, 'shipped', 'drafted', now(),
           nextval('${S}.glossary_revision')
         from jsonb_to_recordset(?::jsonb) as r(lang text, term text, term_key text, skill_ids text[], note text)
         on conflict (lang, term_key) do update set term = excluded.term, skill_ids = excluded.skill_ids,
           note = excluded.note, updated_at = now(), revision = nextval('${S}.glossary_revision')
         where glossary_entry.origin = 'shipped' and glossary_entry.status = 'drafted'
           and glossary_entry.changed_by is null
           and (glossary_entry.skill_ids, glossary_entry.term, glossary_entry.note)
             is distinct from (excluded.skill_ids, excluded.term, excluded.note)`,
        [JSON.stringify(rows.slice(i, i + CHUNK))],
      );
    }
  }

  private async replace(table: string, columns: Column[], rows: object[]): Promise<void> {
    await this.em.execute(`delete from ${S}.${table}`);
    await this.insert(table, columns, rows, '');
  }

  private async upsert(table: string, key: string[], columns: Column[], rows: object[]): Promise<void> {
    const set = columns
      .filter(([c]) => !key.includes(c))
      .map(([c]) => `${c} = excluded.${c}`)
      .join(', ');
    await this.insert(table, columns, rows, `on conflict (${key.join(', ')}) do update set ${set}`);
  }

  private async insert(table: string, columns: Column[], rows: object[], onConflict: string): Promise<void> {
    const names = columns.map(([c]) => c).join(', ');
    const types = columns.map(([c, t]) => `${c} ${t}`).join(', ');
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.em.execute(
        `insert into ${S}.${table} (${names})
         select ${names} from jsonb_to_recordset(?::jsonb) as r(${types}) ${onConflict}`,
        [JSON.stringify(rows.slice(i, i + CHUNK))],
      );
    }
  }

  /** Concepts this release no longer has stay (others may point at them) but are marked retired. */
  private async retireMissing(table: 'skill' | 'occupation', ids: string[], version: string): Promise<void> {
    await this.em.execute(
      `update ${S}.${table} set retired_in = ?
       where retired_in is null and not (id = any(array(select jsonb_array_elements_text(?::jsonb))))`,
      [version, JSON.stringify(ids)],
    );
  }
}
