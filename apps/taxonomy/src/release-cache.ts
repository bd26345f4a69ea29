/** How often a running service asks whether an import brought a new release. */
const RELEASE_CHECK_MS = 30_000;

/**
 * Something built from one taxonomy release and kept in memory: built on first use, rebuilt when an import
 * has brought a new release (checked at most every 30 s), so the service need not restart after
 * `npm run taxonomy:import`. The "version" is whatever the caller says identifies its inputs (the skill
 * resolver adds the glossary's revision). Concurrent callers share one build; a failed build is forgotten so
 * the next call tries again.
 */
export class ReleaseCache<T> {
  private loaded: Promise<T> | undefined;
  private loadedVersion: string | undefined;
  private checkedAt = 0;

  constructor(
    private readonly currentRelease: () => Promise<{ version: string } | null>,
    private readonly build: (version: string) => Promise<T>,
  ) {}

  /** Ask for the version at the next call instead of within 30 s (after a change made in this process). */
  refresh(): void {
    this.checkedAt = 0;
  }

  /** Null while no release has been imported (asked again on every call until one is). */
  async get(): Promise<T | null> {
    if (this.loaded && Date.now() - this.checkedAt < RELEASE_CHECK_MS) return this.loaded;
    this.checkedAt = Date.now();
    const release = await this.currentRelease();
    if (!release) return null;
    if (!this.loaded || this.loadedVersion !== release.version) {
      const loading = this.build(release.version);
      this.loaded = loading;
      this.loadedVersion = release.version;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = this.loadedVersion = undefined;
      });
    }
    return this.loaded;
  }
}
