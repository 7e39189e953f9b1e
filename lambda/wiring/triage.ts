/** The learned triage's stores: the site model and the Triage page's counters. */
import { DynamoDbSiteModelStore } from '../adapters/dynamodb/site-model-store';
import { DynamoDbTriageStore } from '../adapters/dynamodb/triage-store';
import { storeContext } from './stores';

let siteModel: DynamoDbSiteModelStore | undefined;
/** The site model for the functions that score: eventually consistent reads (the model changes a batch at a time). */
export function siteModelReader(): DynamoDbSiteModelStore {
  siteModel ??= new DynamoDbSiteModelStore(storeContext(), { consistentRead: false });
  return siteModel;
}

let triage: DynamoDbTriageStore | undefined;
/** The site model and the Triage page's counters (functions granted triage:read / triage:write). */
export function triageStore(): DynamoDbTriageStore {
  triage ??= new DynamoDbTriageStore(storeContext());
  return triage;
}
