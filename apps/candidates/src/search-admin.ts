/*
 * `npm run search:reindex` and `npm run search:check` (scripts/search-admin.ts runs this from dist/):
 *   reindex  rebuilds the candidates index beside the live one, swaps it in, then repairs what changed meanwhile
 *   check    compares PostgreSQL with the index and prints the drift; exits 1 when there is any (add --fix to repair)
 * Both run against a live system: documents carry skill and occupation labels from the taxonomy service.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfig, PinoNestLogger, runMain } from '@brobygger/platform';
import { CandidatesModule } from './candidates.module';
import { CandidatesService } from './candidates.service';
import { candidatesEnv } from './config';

runMain('search-admin', async () => {
  const [command, flag] = process.argv.slice(2);
  if (command !== 'reindex' && command !== 'check') {
    process.stderr.write('usage: search-admin reindex | check [--fix]\n');
    process.exit(2);
  }
  const config = loadConfig(candidatesEnv, process.env);
  // A command prints its own outcome; the services' connection chatter at info level would only bury it.
  const logger = createLogger('search-admin', config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(
    CandidatesModule.forRoot(config, logger, { worker: false }),
    {
      logger: new PinoNestLogger(logger),
    },
  );
  let exitCode = 0;
  try {
    const service = app.get(CandidatesService);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (command === 'reindex') {
      const started = Date.now();
      const res = await service.reindex((m) => process.stderr.write(`[search:reindex] ${m}\n`));
      out(
        `reindexed ${res.documents} candidates into a new index and swapped it in (${((Date.now() - started) / 1000).toFixed(1)} s); ` +
          `${res.repaired} changed during the rebuild and were repaired`,
      );
    } else {
      const d = await service.checkDrift(flag === '--fix');
      const drift = d.missing + d.stale + d.extra;
      out(
        `candidates: ${d.expected} searchable in PostgreSQL, ${d.indexed} in the index; ` +
          `missing ${d.missing}, stale ${d.stale}, extra ${d.extra}: drift ${drift}` +
          (flag === '--fix' && drift ? ' (repaired)' : ''),
      );
      if (drift && flag !== '--fix') exitCode = 1;
    }
  } finally {
    await app.close();
  }
  process.exit(exitCode);
});
