import type { CognitoConfig } from '../config';
import type { AuthProvider } from './provider';

/**
 * Sign-in through the Cognito user pool's managed login: authorization code with PKCE (a public client, no
 * secret in the browser). The tokens live in sessionStorage only (gone when the tab closes) and never in a
 * URL: the browser comes back with a one-time code, which is exchanged for tokens and then removed from the
 * address. The API is called with the ID token: it carries the staff member's email and groups, which the
 * audit trail records, and its audience is this console's client, which the API's authorizer accepts.
 */
const TOKENS = 'sebar.cognito.tokens';
const PENDING = 'sebar.cognito.pending';
/** Refresh a minute before expiry, so a request never leaves with a token about to lapse. */
const EARLY_MS = 60_000;

interface Tokens {
  readonly idToken: string;
  readonly refreshToken?: string;
  readonly expiresAt: number;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** RFC 7636: the challenge is the SHA-256 of the verifier, base64url without padding. */
export const codeChallenge = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

const readJson = <T>(storage: KeyValueStore, key: string): T | undefined => {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
};

/** The part of sessionStorage the provider uses. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the provider needs of the browser (the sign-in module passes the real ones; tests pass fakes). */
export interface CognitoEnvironment {
  readonly storage: KeyValueStore;
  readonly location: { readonly href: string; assign(url: string): void };
  readonly replaceUrl: (url: string) => void;
  readonly fetch: typeof fetch;
  readonly now: () => number;
}

export const createCognitoProvider = (config: CognitoConfig, env: CognitoEnvironment): AuthProvider => {
  const { storage } = env;
  const save = (t: Tokens) => storage.setItem(TOKENS, JSON.stringify(t));

  const tokenRequest = async (form: Record<string, string>): Promise<Tokens> => {
    const response = await env.fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, ...form }).toString(),
    });
    if (!response.ok) throw new SignInError(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as {
      id_token?: unknown;
      refresh_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof body.id_token !== 'string') throw new SignInError('token endpoint gave no ID token');
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return {
      idToken: body.id_token,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      expiresAt: env.now() + expiresIn * 1000,
    };
  };

  return {
    kind: 'redirect',
    isSignedIn: () => readJson<Tokens>(storage, TOKENS) !== undefined,
    accessToken: async () => {
      const tokens = readJson<Tokens>(storage, TOKENS);
      if (!tokens) return undefined;
      if (tokens.expiresAt - EARLY_MS > env.now()) return tokens.idToken;
      if (!tokens.refreshToken) {
        storage.removeItem(TOKENS);
        return undefined;
      }
      try {
        // Cognito does not rotate the refresh token on this grant: keep the one we have.
        const fresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
        save({ ...fresh, refreshToken: fresh.refreshToken ?? tokens.refreshToken });
        return fresh.idToken;
      } catch {
        storage.removeItem(TOKENS);
        return undefined;
      }
    },
    startSignIn: async () => {
      const pending: Pending = { state: randomText(16), verifier: randomText(48) };
      storage.setItem(PENDING, JSON.stringify(pending));
      const url = new URL(config.authorizeUrl);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        scope: 'openid email profile',
        state: pending.state,
        code_challenge_method: 'S256',
        code_challenge: await codeChallenge(pending.verifier),
      }).toString();
      env.location.assign(url.toString());
    },
    completeSignIn: async () => {
      const here = new URL(env.location.href);
      const code = here.searchParams.get('code');
      const state = here.searchParams.get('state');
      if (!code && !here.searchParams.has('error')) return false;
      const pending = readJson<Pending>(storage, PENDING);
      storage.removeItem(PENDING);
      // The code and state leave the address whatever happens next.
      env.replaceUrl(`${here.origin}${here.pathname}${here.hash}`);
      if (here.searchParams.has('error')) throw new SignInError(here.searchParams.get('error') ?? 'error');
      if (!pending || pending.state !== state) throw new SignInError('sign-in state does not match');
      save(
        await tokenRequest({
          grant_type: 'authorization_code',
          code: code ?? '',
          redirect_uri: config.redirectUri,
          code_verifier: pending.verifier,
        }),
      );
      return true;
    },
    signOut: () => storage.removeItem(TOKENS),
    endSession: () => {
      storage.removeItem(TOKENS);
      const url = new URL(config.logoutUrl);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        logout_uri: config.redirectUri,
      }).toString();
      env.location.assign(url.toString());
    },
  };
};
