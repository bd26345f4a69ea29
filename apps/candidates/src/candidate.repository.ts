import { EntityRepository } from '@mikro-orm/postgresql';
import { NotFound, type ProfileAuditEntry } from '@brobygger/contracts';
import { CANDIDATES_SCHEMA as S } from './schema';
import type { Candidate } from './candidate.entity';

export class CandidateNotFound extends NotFound {
  constructor(id: string) {
    super(`Candidate ${id} not found`);
  }
}

/** A row for the bulk insert of an import: column names as in the table. */
export type CandidateRow = Record<string, unknown> & { id: string; import_key: string };

export class CandidateRepository extends EntityRepository<Candidate> {
  async getById(id: string): Promise<Candidate> {
    const found = await this.findOne({ id });
    if (!found) throw new CandidateNotFound(id);
    return found;
  }

  /** Which of these import keys are taken already. */
  async existingImportKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.getEntityManager().execute<{ import_key: string }[]>(
      `select import_key from ${S}.candidate
         where import_key = any(array(select jsonb_array_elements_text(?::jsonb)))`,
      [JSON.stringify(keys)],
    );
    return new Set(rows.map((r) => r.import_key));
  }

  /**
   * Inserts many profiles in one statement; a row whose import key was taken meanwhile (another import of
   * the same file running at once) is skipped, not duplicated. Returns the rows actually inserted.
   */
  async insertRows(rows: CandidateRow[]): Promise<{ id: string; import_key: string }[]> {
    if (!rows.length) return [];
    const cols = Object.keys(rows[0]);
    return this.getEntityManager().execute<{ id: string; import_key: string }[]>(
      `insert into ${S}.candidate (${cols.map((c) => `"${c}"`).join(', ')})
         select ${cols.map((c) => `"${c}"`).join(', ')}
         from jsonb_populate_recordset(null::${S}.candidate, ?::jsonb)
         on conflict (import_key) do nothing
         returning id, import_key`,
      [JSON.stringify(rows)],
    );
  }

  /** Id and version of every profile that belongs in search: consented and active. */
  async searchableVersions(): Promise<Map<string, number>> {
    const rows = await this.getEntityManager().execute<{ id: string; version: number }[]>(
      `select id, version from ${S}.candidate where consent_searchable and status = 'active'`,
    );
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** Searchable profiles in id order, a page at a time (keyset), for rebuilding the index. */
  async searchablePage(after: string, limit: number): Promise<Candidate[]> {
    return this.find(
      { id: { $gt: after }, consentSearchable: true, status: 'active' },
      { orderBy: { id: 'asc' }, limit },
    );
  }

  async audit(candidateId: string, limit: number, offset: number): Promise<ProfileAuditEntry[]> {
    const rows = await this.getEntityManager().execute<
      {
        at: Date | string;
        actor: string;
        role: string;
        action: ProfileAuditEntry['action'];
        request_id: string;
      }[]
    >(
      `select at, actor, role, action, request_id from ${S}.profile_audit where candidate_id = ?
         order by at desc, id desc limit ? offset ?`,
      [candidateId, limit, offset],
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      role: r.role,
      action: r.action,
      requestId: r.request_id,
    }));
  }
}
