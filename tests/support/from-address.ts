/** Requests to the local runtime from another loopback address (127.0.0.2, …): the runtime takes the socket's address as the client's. */
import { request } from 'node:http';

export interface AddressedResponse {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export function fromAddress(
  localAddress: string,
  url: string,
  options: { method?: string; body?: string; contentType?: string; token?: string } = {},
): Promise<AddressedResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const req = request(url, { method: options.method ?? 'GET', headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
