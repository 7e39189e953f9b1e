/**
 * The learner's binding to the site model's pure functions (lambda/domain/
 * triage/site/). Only the learner and the importer import this: it brings
 * the shipped prior with it, which the admin functions never need.
 */
import { decodeSiteModel, describeSite, encodeSiteModel, newSiteModel, type SiteModel, teach } from '../triage/site';
import type { SiteModelCodec } from './learn-from-decisions';

export const SITE_MODEL_CODEC: SiteModelCodec<SiteModel> = {
  newSiteModel,
  teach: (site, examples) => teach(site, examples),
  encode: encodeSiteModel,
  decode: decodeSiteModel,
  describe: (site) => {
    const { examples, byOrigin } = describeSite(site);
    return { examples, byOrigin };
  },
};
