/**
 * The site's part of the learned triage, pure (no I/O, no clock; randomness is
 * passed in): scoring, the gate, teaching, and the bytes the store keeps.
 */
export { type SiteDescription, describeSite } from './describe';
export { type GateScores, type ScoreSources, wilsonUpper } from './evidence';
export { type AutomaticDecision, DEFAULT_AUTO_DECIDE, gate, type SiteGateVerdict } from './gate';
export { decodeSiteModel, encodeSiteModel } from './codec';
export { newSiteModel, SITE_BITS, type SiteModel } from './model';
export { type ProviderScores, type ScoredComment, scoreComment } from './score';
export { LEARNING_BATCH, ORIGIN_WEIGHT, teach } from './teach';
export { seededRandom } from './random';
export { type Replay, type ReplayComment, type ReplayOptions, type ReplayOutcome, startReplay } from './replay';
export { type Prior, shippedPrior } from './prior';
