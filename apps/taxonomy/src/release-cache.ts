/** How often a running service asks whether an import brought a new release. */
const RELEASE_CHECK_MS = 30_000;

/**
 * Something built from one taxonomy release and kept in memory: built on first use, rebuilt when an import
 * has brought a new release (checked at most every 30 s), so the service need not restart after
 * `npm run taxonomy:import`. The "version" is whatever the caller says identifies its inputs (the skill
 * resolver adds the glossary's revision).
 *
 * While a newer version builds (seconds, for the label indexes), callers keep getting the last one built; only
 * the very first build is waited for. Concurrent checks share one build; a check answered after a newer one
 * is ignored, so the cache never goes back to an older version; a failed build is forgotten and tried again
 * at the next check.
 */
export class ReleaseCache<T> {
  /** The last build that finished, and its version. */
  private ready: { version: string; value: T } | undefined;
  /** The build under way, and its version. */
  private building: { version: string; value: Promise<T> } | undefined;
  private checkedAt = 0;
  private checks = 0;
  private latestCheckSeen = 0;

  constructor(
    private readonly currentVersion: () => Promise<{ version: string } | null>,
    private readonly build: (version: string) => Promise<T>,
  ) {}

  /** Ask for the version at the next call instead of within 30 s (after a change made in this process). */
  refresh(): void {
    this.checkedAt = 0;
  }

  /** Checks now and waits until the current version is built (after a change whose effect must show at once). */
  async latest(): Promise<T | null> {
    this.refresh();
    const value = await this.get();
    const building = this.building;
    return building ? building.value : value;
  }

  /** Null while no release has been imported (asked again on every call until one is). */
  async get(): Promise<T | null> {
    if (this.ready && Date.now() - this.checkedAt < RELEASE_CHECK_MS) return this.ready.value;
    this.checkedAt = Date.now();
    const check = ++this.checks;
    const current = await this.currentVersion();
    if (check < this.latestCheckSeen) return this.ready?.value ?? this.building?.value ?? null;
    this.latestCheckSeen = check;
    if (!current) return this.ready?.value ?? null;
    if (this.ready?.version === current.version) return this.ready.value;
    if (this.building?.version !== current.version) this.start(current.version);
    // The first build is waited for; later ones happen behind the last one built.
    return this.ready?.value ?? this.building!.value;
  }

  private start(version: string): void {
    const value = this.build(version);
    const building = { version, value };
    this.building = building;
    value.then(
      (v) => {
        if (this.building !== building) return;
        this.ready = { version, value: v };
        this.building = undefined;
      },
      () => {
        if (this.building !== building) return;
        this.building = undefined;
        this.checkedAt = 0;
      },
    );
  }
}
