import { Migration } from '@mikro-orm/migrations';

/**
 * Data only. Matching's read model now also carries whether a candidate shares their identity with
 * employers; rows written before this release say "no" until the profile changes. Send every profile again,
 * through the outbox like any change, so a consent already given is honoured at once.
 */
export class Migration20261121171000 extends Migration {
  override name = 'Migration20261121171000';

  override up(): void | Promise<void> {
    this.addSql(
      `insert into "candidates"."outbox" (job_name, payload, job_id, created_at)
       select 'candidate.changed', jsonb_build_object('candidateId', id, 'version', version), 'cchg.' || id || '.' || version || '.m20261121b', now()
       from "candidates"."candidate";`,
    );
  }

  override down(): void | Promise<void> {
    // Nothing to undo: the jobs are idempotent and may already have run.
  }
}
