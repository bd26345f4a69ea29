import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { PingReply, ServiceName } from '@brobygger/contracts';
import { commonEnv, createLogger, databaseEnv, loadConfig, runMain } from '@brobygger/platform';

/** Applies a service's pending migrations, in one transaction, and returns their names. */
export async function runMigrations(options: Options): Promise<string[]> {
  const orm = await MikroORM.init({ ...options, debug: false });
  try {
    await orm.schema.ensureDatabase();
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

/** The answer to a service's health ping: its name and whether its database answers. */
export async function pingReply(service: ServiceName, orm: MikroORM): Promise<PingReply> {
  return { service, database: (await isDatabaseUp(orm)) ? 'up' : 'down' };
}

/** For health checks: true when a trivial query answers. */
export async function isDatabaseUp(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

/** Body of each service's `migrate.ts` entry point: migrate the service's schema and exit. */
export function migrateMain(app: string, ormConfig: (databaseUrl: string) => Options): void {
  runMain(`${app}-migrate`, async () => {
    const { DATABASE_URL, LOG_LEVEL } = loadConfig(
      { ...databaseEnv, LOG_LEVEL: commonEnv.LOG_LEVEL },
      process.env,
    );
    const applied = await runMigrations(ormConfig(DATABASE_URL));
    createLogger(`${app}-migrate`, LOG_LEVEL).info({ applied }, `applied ${applied.length} migration(s)`);
  });
}
