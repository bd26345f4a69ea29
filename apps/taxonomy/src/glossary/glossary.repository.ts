import type { EntityManager } from '@mikro-orm/postgresql';
import type { GlossaryQueryDto, GlossaryStatus } from '@brobygger/contracts';
import { TAXONOMY_SCHEMA as S } from '../schema';
import { glossaryKey } from './glossary-key';

export interface GlossaryRow {
  id: string;
  lang: string;
  term: string;
  skillIds: string[];
  note: string | null;
  origin: 'shipped' | 'admin';
  status: GlossaryStatus;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdBy: string | null;
  updatedAt: Date;
  revision: string;
}

const COLUMNS = `id, lang, term, skill_ids as "skillIds", note, origin, status, reviewed_by as "reviewedBy",
  reviewed_at as "reviewedAt", created_by as "createdBy", updated_at as "updatedAt", revision::text as revision`;

/** The glossary's reads and writes; every write takes the next revision (see GlossaryEntry). */
export class GlossaryRepository {
  constructor(private readonly em: EntityManager) {}

  async page(q: GlossaryQueryDto): Promise<{ rows: GlossaryRow[]; total: number }> {
    const conditions: [sql: string, value: unknown][] = [];
    if (q.lang) conditions.push(['lang = ?', q.lang]);
    if (q.status) conditions.push(['status = ?', q.status]);
    if (q.q) conditions.push(['starts_with(term_key, ?)', glossaryKey(q.q)]);
    if (q.skillId) conditions.push(['? = any(skill_ids)', q.skillId]);
    const params = conditions.map(([, v]) => v);
    const filter = conditions.length ? `where ${conditions.map(([c]) => c).join(' and ')}` : '';
    const [rows, [count]] = await Promise.all([
      this.em.execute<GlossaryRow[]>(
        `select ${COLUMNS} from ${S}.glossary_entry ${filter} order by lang, term_key limit ? offset ?`,
        [...params, q.limit, q.offset],
      ),
      this.em.execute<{ n: number }[]>(
        `select count(*)::int as n from ${S}.glossary_entry ${filter}`,
        params,
      ),
    ]);
    return { rows, total: count?.n ?? 0 };
  }

  /** Null when the language already has that term (in any spelling that folds alike). */
  async insert(e: { lang: string; term: string; skillIds: string[]; note: string | null; by: string }) {
    const [row] = await this.em.execute<GlossaryRow[]>(
      `insert into ${S}.glossary_entry
         (id, lang, term, term_key, skill_ids, note, origin, status, created_by, updated_at, revision)
       values (gen_random_uuid(), ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, 'admin', 'drafted', ?,
         now(), nextval('${S}.glossary_revision'))
       on conflict (lang, term_key) do nothing
       returning ${COLUMNS}`,
      [e.lang, e.term, glossaryKey(e.term), JSON.stringify(e.skillIds), e.note, e.by],
    );
    return row ?? null;
  }

  async update(
    id: string,
    change: { skillIds?: string[]; note?: string | null; status?: GlossaryStatus; by: string },
  ): Promise<GlossaryRow | null> {
    const reviewed = change.status === 'reviewed' || change.status === 'rejected';
    const [row] = await this.em.execute<GlossaryRow[]>(
      `update ${S}.glossary_entry set
         skill_ids = case when ?::jsonb is null then skill_ids
           else array(select jsonb_array_elements_text(?::jsonb)) end,
         note = case when ?::boolean then ? else note end,
         status = coalesce(?, status),
         reviewed_by = case when ?::boolean then ? when ? = 'drafted' then null else reviewed_by end,
         reviewed_at = case when ?::boolean then now() when ? = 'drafted' then null else reviewed_at end,
         changed_by = ?, updated_at = now(), revision = nextval('${S}.glossary_revision')
       where id = ?
       returning ${COLUMNS}`,
      [
        change.skillIds ? JSON.stringify(change.skillIds) : null,
        change.skillIds ? JSON.stringify(change.skillIds) : null,
        change.note !== undefined,
        change.note ?? null,
        change.status ?? null,
        reviewed,
        change.by,
        change.status ?? null,
        reviewed,
        change.status ?? null,
        change.by,
        id,
      ],
    );
    return row ?? null;
  }

  async get(id: string): Promise<GlossaryRow | null> {
    const [row] = await this.em.execute<GlossaryRow[]>(
      `select ${COLUMNS} from ${S}.glossary_entry where id = ?`,
      [id],
    );
    return row ?? null;
  }

  /** Skill ids among these that are live in the taxonomy. */
  async liveSkills(ids: string[]): Promise<Set<string>> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from ${S}.skill where retired_in is null
         and id = any(array(select jsonb_array_elements_text(?::jsonb)))`,
      [JSON.stringify(ids)],
    );
    return new Set(rows.map((r) => r.id));
  }
}
