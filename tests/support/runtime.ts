/** The local runtime for a test file, on the shared DynamoDB Local, with its own tables. */
import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import { startLocalRuntime, type LocalRuntime, type RuntimeOptions } from '../../scripts/local/runtime';

export const MODERATOR_TOKEN = 'test-moderator-token-0123456789';
export const USER_TOKEN = 'test-user-token-0123456789';

export function startTestRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  return startLocalRuntime({
    port: 0,
    inMemory: true,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    tablePrefix: `t${randomBytes(4).toString('hex')}_`,
    moderatorToken: MODERATOR_TOKEN,
    userToken: USER_TOKEN,
    quiet: true,
    // Only the notification tests read the stream.
    notifications: false,
    // Tests that approve and read back at once go straight to the functions; the edge tests and the walk-through turn the edge on.
    edge: false,
    ...options,
  });
}

/**
 * A test runtime with flood control off: every request in a test comes from
 * 127.0.0.1, and only the flood tests want the 15 s rule.
 */
export async function startFloodFreeRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const runtime = await startTestRuntime(options);
  const settings = await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { floodSeconds: 0 } });
  if (settings.status !== 200) throw new Error(`could not turn flood control off: ${settings.status} ${settings.text}`);
  return runtime;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Calls the local API; `body` objects are sent as JSON, strings as they are. */
export async function api<T = any>(
  runtime: Pick<LocalRuntime, 'apiUrl'>,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${runtime.apiUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

let counter = 0;
/** A valid submission; each call gets a distinct email and text so flood and duplicate rules stay out of the way. */
export function validComment(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  return { comment: `A thoughtful comment number ${n}.`, author: `Reader ${n}`, email: `reader.${n}@example.com`, url: '', ...overrides };
}

/**
 * The admin API as the moderator, for a runtime a test file starts later:
 * `const admin = moderatorApi(() => runtime)`, then `admin('POST', '/comments/ID/approve')`.
 */
export function moderatorApi(runtime: () => Pick<LocalRuntime, 'apiUrl'>) {
  return (method: string, path: string, body?: unknown) => api(runtime(), method, `/admin${path}`, { token: MODERATOR_TOKEN, body });
}

/** Posts a valid comment (with `overrides`) that must be accepted; answers its id. */
export function acceptedPoster(runtime: () => Pick<LocalRuntime, 'apiUrl'>) {
  return async (articleId: string, overrides: Record<string, unknown> = {}): Promise<string> => {
    const response = await api(runtime(), 'POST', `/articles/${articleId}/comments`, { body: validComment(overrides) });
    expect(response.status).toBe(202);
    return response.body.id as string;
  };
}
