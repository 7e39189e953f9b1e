/** The pages the local runtime serves besides the API. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function servePage(req: IncomingMessage, res: ServerResponse, url: URL, context: { apiUrl: string }): Promise<boolean> {
  if (req.method !== 'GET' || url.pathname !== '/') return false;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Comment service</title><p>The comment API is at <code>${context.apiUrl}</code>.</p>`);
  return true;
}
