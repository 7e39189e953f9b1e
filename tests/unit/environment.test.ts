/** The one list of environment variables: defaults, required ones, and that no function reads the environment around it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envCount, envOptional, envString } from '../../lambda/environment';

const ROOT = resolve(__dirname, '..', '..');
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('environment variables', () => {
  it('answers the default when a variable is unset or blank, and the trimmed value when set', () => {
    delete process.env.EDGE_API_PREFIX;
    expect(envString('EDGE_API_PREFIX')).toBe('/api');
    process.env.EDGE_API_PREFIX = '  ';
    expect(envString('EDGE_API_PREFIX')).toBe('/api');
    process.env.EDGE_API_PREFIX = ' /read ';
    expect(envString('EDGE_API_PREFIX')).toBe('/read');
  });

  it('refuses a required variable that is unset, naming it and what it is for', () => {
    delete process.env.MAIL_FROM;
    expect(() => envString('MAIL_FROM')).toThrow(/MAIL_FROM environment variable is not set \(.*SES.*\)/);
  });

  it('gives undefined for an optional variable left empty', () => {
    delete process.env.CONSOLE_URL;
    expect(envOptional('CONSOLE_URL')).toBeUndefined();
    process.env.CONSOLE_URL = 'https://console.example.com/admin/';
    expect(envOptional('CONSOLE_URL')).toBe('https://console.example.com/admin/');
  });

  it('reads counts as whole numbers, falling back to the default on a malformed value', () => {
    process.env.SETTINGS_CACHE_SECONDS = '0';
    expect(envCount('SETTINGS_CACHE_SECONDS')).toBe(0);
    process.env.SETTINGS_CACHE_SECONDS = '12';
    expect(envCount('SETTINGS_CACHE_SECONDS')).toBe(12);
    process.env.SETTINGS_CACHE_SECONDS = 'soon';
    expect(envCount('SETTINGS_CACHE_SECONDS')).toBe(5);
    process.env.SETTINGS_CACHE_SECONDS = '-3';
    expect(envCount('SETTINGS_CACHE_SECONDS')).toBe(5);
  });

  it('is read through the one list only: no other file under lambda/ touches process.env', () => {
    const readers = sourceFiles(join(ROOT, 'lambda'))
      .filter((path) => /process\.env\b/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(readers).toEqual(['lambda/environment.ts']);
  });
});
