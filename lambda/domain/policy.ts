/**
 * The moderation policy's public face: decides the status of a new comment
 * and records which rule decided and why. The rules are phases, one module
 * each, in the order of the list in ./moderation/phases.ts.
 */
export { decide, MODERATION_PHASES } from './moderation/phases';
export type { AuthorRecord, Decision, PolicyInput } from './moderation/phase';
export { startedTriageRun } from './moderation/triage-run';
