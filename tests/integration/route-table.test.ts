/** The local server serves exactly the shared route table: a route added there is served, a route removed is gone. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../lambda/routes';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, startTestRuntime } from '../support/runtime';

const added: Route = {
  name: 'ListCommentsAgain',
  method: 'GET',
  path: '/v2/articles/{articleId}/comments',
  entry: 'lambda/handlers/list-comments.ts',
  auth: 'public',
  access: ['published:query', 'secret:cursorKey'],
};
const changedRoutes = [...ROUTES.filter((r) => r.name !== 'ListComments'), added];

let runtime: LocalRuntime;
beforeAll(async () => (runtime = await startTestRuntime({ routes: changedRoutes })));
afterAll(() => runtime?.stop());

it('serves a route added to the table and no longer serves one removed from it', async () => {
  const fresh = await api(runtime, 'GET', '/v2/articles/some-article/comments');
  expect(fresh).toMatchObject({ status: 200, body: { comments: [], nextCursor: null } });
  const removed = await api(runtime, 'GET', '/articles/some-article/comments');
  expect(removed).toMatchObject({ status: 404, body: { error: 'NotFound' } });
});
