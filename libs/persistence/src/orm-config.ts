import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { OutboxMessage } from './outbox.entity';

export interface ServiceOrmOptions {
  databaseUrl: string;
  /** The PostgreSQL schema the service owns; its tables, outbox and migration history live there. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  /** Folder of the service's migrations (same folder in source and in dist). */
  migrationsPath: string;
  debug?: boolean;
}

/**
 * The shared MikroORM setup. Every service gets the outbox entity, its own schema, and migrations kept
 * beside its code. The global EntityManager is off limits: handlers and jobs must fork.
 */
export function serviceOrmConfig(opts: ServiceOrmOptions): Options {
  return defineConfig({
    clientUrl: opts.databaseUrl,
    schema: opts.schema,
    entities: [...opts.entities, OutboxMessage],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      path: opts.migrationsPath,
      pathTs: opts.migrationsPath,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      silent: true,
      // The snapshot is the generator's memory of the schema; keep it with the migrations, not in the cwd.
      snapshotName: `.snapshot-${opts.schema}`,
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: opts.debug ?? false,
    pool: { min: 0, max: 10 },
  });
}
