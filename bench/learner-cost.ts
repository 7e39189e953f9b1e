/**
 * What the learner costs in DynamoDB capacity: the real learner (stream
 * events -> the real site model -> the DynamoDB triage store) through the
 * metered client, on DynamoDB Local, after a warm-up that gives the site
 * model the size a site in use has. A batch costs one read of the model and
 * one transaction (model, batch marker, one counter per day) whatever its
 * size, so the cost per decision falls as batches grow. Transactions are
 * priced item by item by AWS's rule (bench/transaction-cost.ts).
 */
import { DynamoDbTriageStore } from '../lambda/adapters/dynamodb/triage-store';
import type { TriageEvent } from '../lambda/domain/triage/triage-days';
import { learnFromDecisions } from '../lambda/domain/use-cases/learn-from-decisions';
import { SITE_MODEL_CODEC } from '../lambda/domain/use-cases/site-model-codec';
import { CapacityMeter, instrument, localDocumentClient } from './instrumented-client';
import { PRICES } from './cost';
import { round } from './stats';
import { serviceTables, shadowTables } from './tables';
import { TransactionShadow } from './transaction-cost';

export interface LearnerBatchCost {
  /** Decisions in the batch (one stream batch: deployed, up to 100 records or 60 s). */
  decisions: number;
  calls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  writeUnitsPerDecision: number;
  /** The model item after the batch, as DynamoDB sizes it (bytes). */
  modelItemBytes: number;
}

export interface LearnerCostResult {
  /** Decisions taught before measuring, so the model has a site in use's size. */
  warmUpDecisions: number;
  batches: LearnerBatchCost[];
}

const DAY = '2030-03-01T12:00:00.000Z';
let sequence = 0;

/** A moderator's decision on a comment the gate left to a person, as the stream adapter reads it. */
function decision(): TriageEvent {
  sequence += 1;
  const label = sequence % 5 === 0 ? 'spam' : sequence % 7 === 0 ? 'rejected' : 'approved';
  return {
    kind: 'decided',
    at: DAY,
    decision: {
      text: `Comment ${sequence}: ${label === 'spam' ? 'cheap pills and easy money at my site' : 'a point about the article, and a reply to the one above'} (${sequence.toString(36)})`,
      url: null,
      label,
      triage: {
        scores: { remove: 0.1, spam: label === 'spam' ? 0.8 : 0.05 },
        auto: null,
        audit: false,
        record: { approved: 1, rejected: 0, spam: 0 },
      },
    },
  };
}

export async function measureLearnerCost(
  endpoint: string,
  options: { warmUp?: number; batchSizes?: readonly number[] } = {},
): Promise<LearnerCostResult> {
  const warmUp = options.warmUp ?? 2_000;
  const batchSizes = options.batchSizes ?? [1, 20, 100];
  const tables = await serviceTables(endpoint, `lrn${process.pid}_`);
  const plain = localDocumentClient(endpoint);
  const shadow = new TransactionShadow(plain, await shadowTables(endpoint, tables, `lrnshadow${process.pid}_`));
  const meter = new CapacityMeter();
  const metered = instrument(localDocumentClient(endpoint), meter, { labels: tables.labels, shadow });
  const deps = (db: typeof plain) => ({ store: new DynamoDbTriageStore({ db, tables: tables.names }), codec: SITE_MODEL_CODEC });

  const unmetered = learnFromDecisions(deps(plain));
  for (let done = 0; done < warmUp; done += 100) {
    await unmetered(Array.from({ length: Math.min(100, warmUp - done) }, decision), `warm-${done}`);
  }

  const learn = learnFromDecisions(deps(metered));
  const batches: LearnerBatchCost[] = [];
  for (const size of batchSizes) {
    const events = Array.from({ length: size }, decision);
    const { usage } = await meter.measure(() => learn(events, `measured-${size}`));
    const model = usage.transactItems.find((item) => item.item === 'siteModel');
    batches.push({
      decisions: size,
      calls: usage.calls,
      readUnits: round(usage.readUnits, 1),
      writeUnits: round(usage.writeUnits, 1),
      writeUnitsPerDecision: round(usage.writeUnits / size, 2),
      modelItemBytes: model?.bytes ?? 0,
    });
  }
  plain.destroy();
  metered.destroy();
  return { warmUpDecisions: warmUp, batches };
}

/** The learner's cost per decision, for the report and the cost page (docs/costs.md). */
export function learnerMarkdown(result: LearnerCostResult, prices: { read: number; write: number }): string {
  const rows = result.batches.map((b) => {
    const dollarsPerThousand = ((b.readUnits * prices.read + b.writeUnits * prices.write) / 1e6 / b.decisions) * 1000;
    return `| ${b.decisions} | ${Object.entries(b.calls)
      .map(([call, count]) => `${call} ${count}`)
      .join(
        ', ',
      )} | ${b.readUnits} | ${b.writeUnits} | ${b.writeUnitsPerDecision} | $${dollarsPerThousand.toFixed(4)} | ${(b.modelItemBytes / 1024).toFixed(1)} KB |`;
  });
  return [
    `The learner, after ${result.warmUpDecisions.toLocaleString('en-US')} decisions taught (the site model at a size a site in use has): one stream batch of people's decisions costs one read of the model and one transaction (the model, its version on an item of its own, a marker for the batch, one counter per day), whatever its size. Measured through the metered client on DynamoDB Local, transactions priced item by item.`,
    '',
    '| decisions in the batch | calls | read units | write units | write units per decision | per 1,000 decisions | model item |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** On-demand request prices of bench/cost.ts, per million units. */
export const learnerPrices = { read: PRICES.dynamoDbReadRequestUnitPerMillion, write: PRICES.dynamoDbWriteRequestUnitPerMillion };
