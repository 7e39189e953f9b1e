/** A phase context with safe defaults, overridden per test. */
import type { PhaseContext } from '../../../lambda/domain/moderation/phase';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';

export interface ContextOverrides {
  submission?: Partial<PhaseContext['submission']>;
  settings?: Partial<PhaseContext['settings']>;
  article?: Partial<PhaseContext['article']>;
  author?: Partial<PhaseContext['author']>;
  held?: PhaseContext['held'];
}

export const context = (overrides: ContextOverrides = {}): PhaseContext => ({
  submission: { comment: 'A fair point.', author: 'Ann', url: null, honeypot: false, ...overrides.submission },
  settings: { ...DEFAULT_SETTINGS, ...overrides.settings },
  article: { premoderation: null, ...overrides.article },
  author: { approved: 0, rejected: 0, spam: 0, ...overrides.author },
  held: overrides.held ?? [],
});
