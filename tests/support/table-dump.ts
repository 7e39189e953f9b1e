/** Every item of a runtime's two tables, for tests that check what was (not) stored. A Scan is fine in a test. */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import type { LocalRuntime } from '../../scripts/local/runtime';

/** Each item as JSON text with its attributes sorted, so equal items read equal; the list itself is sorted too. */
export async function allItems(runtime: Pick<LocalRuntime, 'dynamodb'>, tables: Record<string, string>): Promise<string[]> {
  const db = createDocumentClient(runtime.dynamodb.endpoint);
  const items: string[] = [];
  try {
    for (const table of [tables.Comments!, tables.Private!]) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
        items.push(...(page.Items ?? []).map((item) => JSON.stringify(Object.entries(item).sort())));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  } finally {
    db.destroy();
  }
  return items.sort();
}
