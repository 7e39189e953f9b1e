/** The shape of bench/results/latest.json. */
import type { ViralResult } from './viral';
import type { OperationCapacity } from './capacity';
import type { ColdStartResult } from './cold-start';
import type { ImportBenchResult } from './import';
import type { CostResult } from './cost';
import type { LatencyResult } from './latency';
import type { ScalingResult } from './scaling';
import type { TargetCheck } from './targets';
import type { TriageResult } from './triage/section';
import type { LearnerCostResult } from './learner-cost';

export interface Machine {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  date: string;
  dynamoDbLocal: string;
  java: string;
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

export interface BenchResults {
  mode: 'full' | 'quick';
  durationSeconds: number;
  machine: Machine;
  targets: TargetCheck[];
  capacity: OperationCapacity[];
  scaling: ScalingResult;
  latency: LatencyResult;
  coldStart: ColdStartResult;
  costPerMillion: CostResult;
  triage: TriageResult;
  /** Set when the cost was computed again from the stored measurements (`npm run bench:docs -- --reprice`). */
  repricedAt?: string;
  /** Section 7 (absent in results written before it existed). */
  import?: ImportBenchResult;
  /** Section 8 (absent in results written before it existed). */
  viral?: ViralResult;
  /** Section 9: what the triage learner costs per decision (absent in results written before it existed). */
  learner?: LearnerCostResult;
}
