/**
 * How a moderator signs in. Locally: the moderator token, kept in
 * sessionStorage for the tab. Deployed: Amazon Cognito's hosted UI with the
 * authorization code flow and PKCE (a public client, no secret); the ID token
 * goes to the API as `Authorization: Bearer <token>`, which API Gateway's
 * Cognito authorizer checks (the `moderators` group is in its claims).
 */
import { readStored, writeStored } from '../shared/dom';
import { cognitoBaseUrl, usesCognito, type ConsoleConfig } from './config';

export interface Credentials {
  authorization: string;
  /** Who is signed in, for the header. */
  name: string;
  /** Epoch ms after which the credentials are refused; null for the local token. */
  expiresAt: number | null;
}

export class SignInError extends Error {}

const CREDENTIALS_KEY = 'moderation:credentials';
const PKCE_KEY = 'moderation:pkce';
const session = () => window.sessionStorage;

export function storedCredentials(): Credentials | null {
  const stored = readStored<Credentials>(session, CREDENTIALS_KEY);
  if (!stored || (stored.expiresAt !== null && stored.expiresAt <= Date.now() + 30_000)) return null;
  return stored;
}

export function forgetCredentials(): void {
  writeStored(session, CREDENTIALS_KEY, null);
}

export function signInWithToken(token: string): Credentials {
  const credentials: Credentials = { authorization: `Bearer ${token.trim()}`, name: 'local moderator', expiresAt: null };
  writeStored(session, CREDENTIALS_KEY, credentials);
  return credentials;
}

const redirectUri = (config: ConsoleConfig) => config.redirectUri ?? `${location.origin}/admin/`;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomString = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** Sends the moderator to the hosted UI; they come back with ?code=…&state=… */
export async function startCognitoSignIn(config: ConsoleConfig): Promise<void> {
  const verifier = randomString(32);
  const state = randomString(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  writeStored(session, PKCE_KEY, { verifier, state });
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId!,
    redirect_uri: redirectUri(config),
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${cognitoBaseUrl(config)}/oauth2/authorize?${query}`);
}

/** On the way back from the hosted UI: trades the code for tokens. Null when this is not such a return. */
export async function completeCognitoSignIn(config: ConsoleConfig): Promise<Credentials | null> {
  if (!usesCognito(config)) return null;
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return null;
  const pkce = readStored<{ verifier: string; state: string }>(session, PKCE_KEY);
  writeStored(session, PKCE_KEY, null);
  // The code is single-use: take it out of the address bar and history.
  history.replaceState(null, '', location.pathname);
  if (error) throw new SignInError(`Sign-in failed: ${query.get('error_description') ?? error}.`);
  if (!pkce || pkce.state !== query.get('state'))
    throw new SignInError('The sign-in answer does not belong to this browser tab. Please sign in again.');

  const response = await fetch(`${cognitoBaseUrl(config)}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId!,
      code: code!,
      redirect_uri: redirectUri(config),
      code_verifier: pkce.verifier,
    }),
    credentials: 'omit',
  }).catch(() => null);
  if (!response?.ok) throw new SignInError('Amazon Cognito did not complete the sign-in. Please try again.');
  const tokens = (await response.json()) as { id_token?: string; expires_in?: number };
  if (!tokens.id_token) throw new SignInError('Amazon Cognito did not return an ID token.');
  const claims = jwtClaims(tokens.id_token);
  const credentials: Credentials = {
    authorization: `Bearer ${tokens.id_token}`,
    name: String(claims.email ?? claims['cognito:username'] ?? 'moderator'),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + (tokens.expires_in ?? 3600) * 1000,
  };
  writeStored(session, CREDENTIALS_KEY, credentials);
  return credentials;
}

export function signOut(config: ConsoleConfig): void {
  forgetCredentials();
  if (!usesCognito(config)) return;
  const query = new URLSearchParams({ client_id: config.clientId!, logout_uri: redirectUri(config) });
  location.assign(`${cognitoBaseUrl(config)}/logout?${query}`);
}

/** The token's claims, read for display and expiry only: the API verifies the signature. */
function jwtClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}
