/** Sizes and durations of a full run and of the quick (CI) run. */

export interface BenchConfig {
  quick: boolean;
  /** Item counts (comments) at which the scaling section measures; the last is the fill size. */
  scalingCheckpoints: number[];
  /** Comments of one article for the deep-cursor checkpoint (a page at the end of its cursor chain is read). */
  deepArticleComments: number;
  /** Comments written per BatchWriteItem group and groups in flight. */
  fillConcurrency: number;
  /** Connections of the fixed-concurrency latency runs (a concurrency-1 run is always added). */
  loadConcurrency: number;
  /** Seconds per measured latency run, and per warm-up run before it. */
  latencySeconds: number;
  warmupSeconds: number;
  /** Fresh `node` processes per bundle in the cold-start section (the median is reported). */
  importSamples: number;
  /** Also time imports without --enable-source-maps (the deployed functions use it). */
  importWithoutSourceMaps: boolean;
  /** Comments in the generated export of the import section, and in its metered sample. */
  importComments: number;
  importSample: number;
  /** The viral-article run through the local edge: seconds, and readers loading the page in a closed loop. */
  viralSeconds: number;
  viralReaders: number;
}

export const FULL: BenchConfig = {
  quick: false,
  scalingCheckpoints: [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000],
  deepArticleComments: 10_000,
  fillConcurrency: 8,
  loadConcurrency: 8,
  latencySeconds: 8,
  warmupSeconds: 1.5,
  // Import medians sit near their 1.25× target, so more fresh processes: 9 let one busy moment move a function by 0.15×.
  importSamples: 21,
  importWithoutSourceMaps: true,
  importComments: 50_000,
  importSample: 200,
  viralSeconds: 30,
  viralReaders: 64,
};

export const QUICK: BenchConfig = {
  quick: true,
  scalingCheckpoints: [1_000, 3_000],
  deepArticleComments: 500,
  fillConcurrency: 8,
  loadConcurrency: 8,
  latencySeconds: 1,
  warmupSeconds: 0.3,
  importSamples: 3,
  importWithoutSourceMaps: false,
  // The import section's DynamoDB Local keeps its tables on disk: small, so CI's quick run stays well under 30 s.
  importComments: 120,
  importSample: 10,
  viralSeconds: 3,
  viralReaders: 16,
};
