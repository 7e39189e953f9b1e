/**
 * The site's and the articles' settings as a function's use cases read them:
 * one cache of each per function, so a settings change made through a
 * function applies in it at once, and one made elsewhere within
 * SETTINGS_CACHE_SECONDS.
 */
import { dynamoDbSettingsStore } from '../adapters/dynamodb/site-settings';
import type { SettingsStore } from '../domain/ports/settings-store';
import { ArticleCache } from '../domain/use-cases/article-cache';
import { SettingsCache } from '../domain/use-cases/deps';
import { envCount, VARIABLES } from '../environment';
import { storeContext } from './stores';

/**
 * How long a warm function reuses the site settings and an article's settings
 * it read: a change made in another function applies within this time.
 */
export const DEFAULT_SETTINGS_CACHE_SECONDS = Number(VARIABLES.SETTINGS_CACHE_SECONDS.default);

/** SETTINGS_CACHE_SECONDS (the local runtime sets 0 so a change applies at once). */
export const settingsCacheMs = (): number => envCount('SETTINGS_CACHE_SECONDS') * 1000;

export const now = (): Date => new Date();

export interface FunctionSettings {
  store: SettingsStore;
  settings: SettingsCache;
  articles: ArticleCache;
}

let built: FunctionSettings | undefined;

export function functionSettings(): FunctionSettings {
  if (!built) {
    const store = dynamoDbSettingsStore(storeContext());
    built = {
      store,
      settings: new SettingsCache(store, now, settingsCacheMs()),
      articles: new ArticleCache(store, now, settingsCacheMs()),
    };
  }
  return built;
}
