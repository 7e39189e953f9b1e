/**
 * The learner's cost is bounded per batch, not per decision: whatever the
 * batch's size, one read of the model and one transaction of the model, its
 * version item, the batch marker and the day's counter (the model item's size
 * sets the units).
 * No timings; `npm run bench` measures.
 */
import { describe, expect, inject, it } from 'vitest';
import { measureLearnerCost } from '../../bench/learner-cost';

describe('the learner cost measurement', () => {
  it('costs the same calls for a batch of one decision and of fifty, so the units per decision fall', async () => {
    const result = await measureLearnerCost(inject('dynamoDbEndpoint'), { warmUp: 100, batchSizes: [1, 50] });
    const [one, fifty] = result.batches;
    expect(one!.calls).toEqual({ GetItem: 1, TransactWriteItems: 1 });
    expect(fifty!.calls).toEqual(one!.calls);
    // The model item twice (a transactional write), its version, the marker and the day's counter, 2 units each:
    // nothing grows with the decisions but the model.
    for (const batch of result.batches) expect(batch.writeUnits).toBeLessThanOrEqual(2 * Math.ceil(batch.modelItemBytes / 1024) + 6);
    expect(fifty!.writeUnitsPerDecision).toBeLessThan(one!.writeUnitsPerDecision / 10);
    expect(one!.modelItemBytes).toBeGreaterThan(0);
  });
});
