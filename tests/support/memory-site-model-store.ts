/**
 * The site-model store in memory, for unit tests: the same optimistic
 * locking as the DynamoDB item (tests/integration/site-model-store.test.ts
 * runs one contract against both). Saves copy the bytes, so a caller that
 * reuses its buffer cannot change what was stored.
 */
import type { SiteModelStore } from '../../lambda/domain/triage/learning';

export class InMemorySiteModelStore implements SiteModelStore {
  private stored: { bytes: Uint8Array; version: number } | null = null;
  /** How many saves were refused on a version conflict (the race tests read it). */
  conflicts = 0;

  async load(): Promise<{ bytes: Uint8Array; version: number } | null> {
    return this.stored ? { bytes: this.stored.bytes.slice(), version: this.stored.version } : null;
  }

  async save(bytes: Uint8Array, expected: number | null): Promise<boolean> {
    if ((this.stored?.version ?? null) !== expected) {
      this.conflicts += 1;
      return false;
    }
    this.stored = { bytes: bytes.slice(), version: (expected ?? 0) + 1 };
    return true;
  }
}
