/**
 * The learner's stores in memory, for unit tests: the same optimistic
 * locking and the same all-or-nothing batches as the DynamoDB items
 * (tests/integration/site-model-store.test.ts runs one contract against
 * both). Saves copy the bytes, so a caller that reuses its buffer cannot
 * change what was stored.
 */
import type { SiteModelStore } from '../../lambda/domain/triage/learning';
import { emptyDay, type TriageDayCounts, type TriageDayField } from '../../lambda/domain/triage/triage-days';
import type { ModelSummary } from '../../lambda/domain/triage/triage-summary';
import type { CommitOutcome, LearningCommit, TriageStore } from '../../lambda/domain/ports/triage-store';

export class InMemorySiteModelStore implements SiteModelStore {
  protected stored: { bytes: Uint8Array; version: number } | null = null;
  /** How many saves were refused on a version conflict (the race tests read it). */
  conflicts = 0;

  async load(): Promise<{ bytes: Uint8Array; version: number } | null> {
    return this.stored ? { bytes: this.stored.bytes.slice(), version: this.stored.version } : null;
  }

  async version(): Promise<number | null> {
    return this.stored?.version ?? null;
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

export class InMemoryTriageStore extends InMemorySiteModelStore implements TriageStore {
  private readonly counters = new Map<string, TriageDayCounts>();
  private readonly batches = new Set<string>();
  private summary: ModelSummary | null = null;

  async modelSummary(): Promise<ModelSummary | null> {
    return this.summary && structuredClone(this.summary);
  }

  /** Seeds the counters and the model's summary as the learner would have left them (console and route tests). */
  seed(days: Record<string, Partial<TriageDayCounts>>, summary: ModelSummary | null = null): void {
    for (const [day, counts] of Object.entries(days)) this.counters.set(day, { ...emptyDay(), ...counts });
    this.summary = summary;
  }

  async commit({ model, days, batchId }: LearningCommit): Promise<CommitOutcome> {
    if (batchId && this.batches.has(batchId)) return 'duplicate';
    if (model && !(await this.save(model.bytes, model.expected))) return 'conflict';
    if (model && this.stored)
      this.summary = { version: this.stored.version, savedAt: new Date().toISOString(), ...structuredClone(model.taught) };
    if (batchId) this.batches.add(batchId);
    for (const [day, counts] of Object.entries(days)) {
      const stored = this.counters.get(day) ?? emptyDay();
      for (const [field, by] of Object.entries(counts)) stored[field as TriageDayField] += by ?? 0;
      this.counters.set(day, stored);
    }
    return 'committed';
  }

  async days(from: string, to: string): Promise<Array<{ day: string; counts: TriageDayCounts }>> {
    return [...this.counters]
      .filter(([day]) => day >= from && day <= to)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => ({ day, counts: { ...counts } }));
  }
}
