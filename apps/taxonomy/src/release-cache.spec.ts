import { ReleaseCache } from './release-cache';

/** A build that finishes when the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ReleaseCache', () => {
  it('waits for the first build, then serves the old one while a newer version builds', async () => {
    let version = 'v1';
    const builds = new Map<string, ReturnType<typeof deferred<string>>>();
    const cache = new ReleaseCache(
      () => Promise.resolve({ version }),
      (v) => {
        const d = deferred<string>();
        builds.set(v, d);
        return d.promise;
      },
    );
    const first = cache.get();
    await Promise.resolve();
    builds.get('v1')!.resolve('built v1');
    expect(await first).toBe('built v1');

    version = 'v2';
    cache.refresh();
    expect(await cache.get()).toBe('built v1'); // v2 is building: v1 still answers at once
    builds.get('v2')!.resolve('built v2');
    await new Promise((r) => setImmediate(r));
    cache.refresh();
    expect(await cache.get()).toBe('built v2');
  });

  it('never goes back to an older version when two checks answer out of order', async () => {
    const answers = [deferred<{ version: string }>(), deferred<{ version: string }>()];
    let call = 0;
    const built: string[] = [];
    const cache = new ReleaseCache(
      () => answers[call++].promise,
      (v) => {
        built.push(v);
        return Promise.resolve(`built ${v}`);
      },
    );
    const older = cache.get();
    cache.refresh();
    const newer = cache.get();
    answers[1].resolve({ version: 'v2' });
    expect(await newer).toBe('built v2');
    answers[0].resolve({ version: 'v1' });
    await older;
    expect(built).toEqual(['v2']);
  });

  it('forgets a failed build and tries again at the next call', async () => {
    let fail = true;
    const cache = new ReleaseCache(
      () => Promise.resolve({ version: 'v1' }),
      () => (fail ? Promise.reject(new Error('database away')) : Promise.resolve('built')),
    );
    await expect(cache.get()).rejects.toThrow('database away');
    fail = false;
    expect(await cache.get()).toBe('built');
  });

  it('answers null until a release is imported', async () => {
    const cache = new ReleaseCache(
      () => Promise.resolve(null),
      () => Promise.resolve('never'),
    );
    expect(await cache.get()).toBeNull();
  });
});

describe('ReleaseCache.latest', () => {
  it('waits for the build of a version that changed in this process', async () => {
    let version = 'v1';
    const cache = new ReleaseCache(
      () => Promise.resolve({ version }),
      (v) => new Promise<string>((r) => setTimeout(() => r(`built ${v}`), 20)),
    );
    expect(await cache.get()).toBe('built v1');
    version = 'v2';
    expect(await cache.latest()).toBe('built v2');
  });
});
