/** SettingsStore: the site's settings, versioned. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { contractStore, type OpenedStore } from './fixtures';

export function settingsCases(open: () => Promise<OpenedStore>): void {
  describe('settings', () => {
    const { store } = contractStore(open);
    it('answers the defaults until settings are stored, then stores only over the version read', async () => {
      expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
      const first = { ...DEFAULT_SETTINGS, floodSeconds: 30, version: 1 };
      await store.putSettings(first, 0);
      expect(await store.getSettings()).toEqual(first);
      await expect(store.putSettings({ ...first, floodSeconds: 60, version: 1 }, 0)).rejects.toMatchObject({
        code: 'VersionConflict',
        message: expect.stringContaining('version 1'),
      });
      await store.putSettings({ ...first, floodSeconds: 60, version: 2 }, 1);
      expect(await store.getSettings()).toMatchObject({ floodSeconds: 60, version: 2 });
    });
  });
}
