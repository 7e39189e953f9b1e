/** GET /api/openapi.json: the API's OpenAPI document, its first server being this runtime. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openApiDocument, openApiText } from '../openapi/generate';
import { API_PREFIX } from './api-gateway';

export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

let cached: { apiUrl: string; text: Promise<string> } | undefined;

/** Answers the document's path; false for any other request. */
export async function serveOpenApi(req: IncomingMessage, res: ServerResponse, url: URL, apiUrl: string): Promise<boolean> {
  if (url.pathname !== OPENAPI_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  if (cached?.apiUrl !== apiUrl) cached = { apiUrl, text: openApiDocument({ localApiUrl: apiUrl }).then(openApiText) };
  const text = await cached.text;
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-cache',
    // A public description of a public API: any tool may read it.
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
  return true;
}
