/**
 * `/config.json`, served beside the console's files, says how staff sign in: locally with the local
 * token, on AWS through the Cognito managed login. Read once at start.
 */

export interface TokenConfig {
  readonly auth: 'token';
  /** Where the API lives; the console's own origin when absent. */
  readonly apiUrl?: string;
}

export interface CognitoConfig {
  readonly auth: 'cognito';
  readonly apiUrl: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly logoutUrl: string;
}

export type ConsoleConfig = TokenConfig | CognitoConfig;

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw new Error(`config.json: ${name} is missing`);
  return value;
};

export const parseConfig = (raw: unknown): ConsoleConfig => {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (o.auth === 'token')
    return { auth: 'token', ...(typeof o.apiUrl === 'string' && o.apiUrl ? { apiUrl: o.apiUrl } : {}) };
  if (o.auth === 'cognito')
    return {
      auth: 'cognito',
      apiUrl: text(o.apiUrl, 'apiUrl'),
      authorizeUrl: text(o.authorizeUrl, 'authorizeUrl'),
      tokenUrl: text(o.tokenUrl, 'tokenUrl'),
      clientId: text(o.clientId, 'clientId'),
      redirectUri: text(o.redirectUri, 'redirectUri'),
      logoutUrl: text(o.logoutUrl, 'logoutUrl'),
    };
  throw new Error('config.json: auth must be "token" or "cognito"');
};

export const loadConfig = async (): Promise<ConsoleConfig> => {
  // (RequestInit is typed without `cache` where Node's types are in scope.)
  const response = await fetch('/config.json', { cache: 'no-store' } as RequestInit);
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
};
