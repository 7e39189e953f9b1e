/**
 * The learned triage on the submit path: the shipped model plus the site's
 * part, read through the SiteModelStore and kept decoded in the function's
 * memory for `cacheMs` (the settings cache time, 5 s deployed), so a warm
 * function pays no read per submission and a model the learner saved reaches
 * it within that time. Concurrent submissions share one read. When the time
 * is up, a function holding a model reads the stored version first, and the
 * model itself only if the learner saved a new one.
 */
import type { PreparedTriage, TriageScorer } from '../ports/triage-scorer';
import type { SiteModelStore } from './learning';
import { decodeSiteModel, gate, type SiteModel, scoreComment } from './site';

export interface LearnedTriageOptions {
  /** How long a read site model is reused; 0 reads it for every submission. */
  cacheMs: number;
  now?: () => number;
  /** Draws the audits; Math.random unless a test fixes it. */
  random?: () => number;
}

export class LearnedTriage implements TriageScorer {
  private cached: { prepared: PreparedTriage; until: number } | undefined;
  /** The last model decoded, by its stored version: a refresh that finds the same version decodes nothing. */
  private decoded: { version: number | null; prepared: PreparedTriage } | undefined;
  private reading: Promise<PreparedTriage> | undefined;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly store: SiteModelStore,
    private readonly options: LearnedTriageOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  prepare(): Promise<PreparedTriage> {
    if (this.cached && this.now() < this.cached.until) return Promise.resolve(this.cached.prepared);
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<PreparedTriage> {
    // Reading the model (over 100 KB on a site in use) and decoding it are skipped while the learner has saved nothing new.
    if (this.decoded && (await this.store.version()) === this.decoded.version) return this.keep(this.decoded.prepared);
    const stored = await this.store.load();
    const version = stored?.version ?? null;
    const prepared =
      this.decoded && this.decoded.version === version
        ? this.decoded.prepared
        : prepareWith(stored ? decodeSiteModel(stored.bytes) : null, this.random);
    this.decoded = { version, prepared };
    return this.keep(prepared);
  }

  private keep(prepared: PreparedTriage): PreparedTriage {
    if (this.options.cacheMs > 0) this.cached = { prepared, until: this.now() + this.options.cacheMs };
    return prepared;
  }
}

/** Scoring and the gate over one site model (null: a new site, which the gate lets decide nothing). */
export function prepareWith(site: SiteModel | null, random: () => number): PreparedTriage {
  return {
    assess(input, provider, settings) {
      const scored = scoreComment(site, input, provider);
      return { ...scored, verdict: gate(site, scored.scores, settings, random) };
    },
  };
}
