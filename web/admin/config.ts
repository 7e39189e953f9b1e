/** Where the console finds the API and how moderators sign in: /config.json beside the console. */
export interface ConsoleConfig {
  apiUrl: string;
  /** Amazon Cognito hosted UI: a full URL, a host name, or the domain prefix (with region). */
  cognitoDomain?: string;
  clientId?: string;
  region?: string;
  /** Where the hosted UI sends the moderator back; default `<origin>/admin/`. */
  redirectUri?: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  let config: Partial<ConsoleConfig> = {};
  try {
    const response = await fetch('/config.json', { cache: 'no-store', credentials: 'omit' });
    if (response.ok) config = (await response.json()) as Partial<ConsoleConfig>;
  } catch {
    // No config: the API is on this origin under /api, and the moderator token signs in.
  }
  return { ...config, apiUrl: (config.apiUrl || `${location.origin}/api`).replace(/\/+$/, '') };
}

export const usesCognito = (config: ConsoleConfig): boolean => Boolean(config.cognitoDomain && config.clientId);

/** The hosted UI's base URL, e.g. https://my-prefix.auth.eu-west-1.amazoncognito.com */
export function cognitoBaseUrl(config: ConsoleConfig): string {
  const domain = config.cognitoDomain!.replace(/\/+$/, '');
  if (domain.includes('://')) return domain;
  if (domain.includes('.')) return `https://${domain}`;
  return `https://${domain}.auth.${config.region}.amazoncognito.com`;
}
