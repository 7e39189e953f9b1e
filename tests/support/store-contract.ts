/**
 * What any implementation of the storage ports must do, as one suite run
 * against each store: the DynamoDB store on DynamoDB Local and the in-memory
 * store (tests/integration/store-contract.test.ts). One file of cases per port
 * in ./store-contract/. A case fails on a store that lets a duplicate in,
 * loses an update, pages differently or leaves part of a refused write behind.
 */
import { describe } from 'vitest';
import { authorCases } from './store-contract/author';
import { banCases } from './store-contract/bans';
import { erasureCases } from './store-contract/erasure';
import type { OpenedStore } from './store-contract/fixtures';
import { listCases } from './store-contract/lists';
import { moderationCases } from './store-contract/moderation';
import { reportCases } from './store-contract/reports';
import { settingsCases } from './store-contract/settings';
import { submissionCases } from './store-contract/submission';
import { subscriberCases } from './store-contract/subscribers';

export type { EveryPort, OpenedStore } from './store-contract/fixtures';

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`storage ports contract: ${name}`, () => {
    submissionCases(open);
    moderationCases(open);
    listCases(open);
    erasureCases(open);
    authorCases(open);
    subscriberCases(open);
    reportCases(open);
    banCases(open);
    settingsCases(open);
  });
}
