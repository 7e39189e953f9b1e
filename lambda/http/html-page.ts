/**
 * Small HTML pages for the links in mails (confirm, unsubscribe): a heading,
 * a sentence and at most one button. All text is escaped; the page loads
 * nothing and runs nothing (its CSP says so), and may not be framed.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { escapeHtml } from '../domain/text-patterns';

export interface HtmlPage {
  title: string;
  message: string;
  /** A button that POSTs back to this same URL (the unsubscribe page). */
  button?: string;
}

export function htmlPage(statusCode: number, page: HtmlPage): APIGatewayProxyResult {
  const button = page.button
    ? `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(page.button)}</button></form>`
    : '';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2327}button{font:inherit;padding:.5rem 1rem}</style>
</head><body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${button}</main></body></html>
`;
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
    body,
  };
}
