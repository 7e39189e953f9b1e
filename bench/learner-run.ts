/**
 * `npm run bench:learner`: only section 9, the triage learner's cost, on a
 * DynamoDB Local of its own; adds it to bench/results/latest.json and
 * regenerates the report and the docs sections from that file. The full
 * `npm run bench` measures the same in its section 9.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDynamoDbLocal } from '../scripts/local/dynamodb-local';
import { writeDocSections } from './doc-sections';
import { measureLearnerCost } from './learner-cost';
import { markdownReport } from './report';
import type { BenchResults } from './results';

async function main(): Promise<void> {
  process.env.AWS_REGION = 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  try {
    const learner = await measureLearnerCost(dynamodb.endpoint);
    const file = resolve(__dirname, 'results/latest.json');
    const results = { ...(JSON.parse(readFileSync(file, 'utf8')) as BenchResults), learner };
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(resolve(__dirname, 'results/latest.md'), markdownReport(results, 'latest.svg'));
    writeDocSections(results);
    console.log(JSON.stringify(learner, null, 2));
    console.log('added the learner to bench/results/latest.json and regenerated the report and the docs sections');
  } finally {
    await dynamodb.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
