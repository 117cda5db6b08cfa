import { describe, expect, it } from 'vitest';
import {
  codeChallenge,
  createCognitoProvider,
  type KeyValueStore,
} from '../../web/src/auth/cognito-provider';
import type { CognitoConfig } from '../../web/src/config';

const config: CognitoConfig = {
  auth: 'cognito',
  apiUrl: 'https://api.example.test',
  authorizeUrl: 'https://login.example.test/oauth2/authorize',
  tokenUrl: 'https://login.example.test/oauth2/token',
  clientId: 'console-client',
  redirectUri: 'https://console.example.test/',
  logoutUrl: 'https://login.example.test/logout',
};

class MemoryStorage implements KeyValueStore {
  private readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const harness = (answer: (form: URLSearchParams) => Record<string, unknown> | number) => {
  const storage = new MemoryStorage();
  const state = { href: 'https://console.example.test/', assigned: [] as string[], replaced: [] as string[] };
  const requests: URLSearchParams[] = [];
  let clock = 1_000_000;
  const provider = createCognitoProvider(config, {
    storage,
    location: {
      get href() {
        return state.href;
      },
      assign: (url: string) => {
        state.assigned.push(url);
      },
    },
    replaceUrl: (url) => state.replaced.push(url),
    fetch: (async (_url: string, init: RequestInit) => {
      const form = new URLSearchParams(String(init.body));
      requests.push(form);
      const out = answer(form);
      return typeof out === 'number'
        ? new Response('{}', { status: out })
        : new Response(JSON.stringify(out), { status: 200 });
    }) as typeof fetch,
    now: () => clock,
  });
  return { provider, storage, state, requests, tick: (ms: number) => (clock += ms) };
};

/** Leaves for the managed login and comes back with the code and the state it was sent with. */
const signIn = async (h: ReturnType<typeof harness>) => {
  await h.provider.startSignIn?.();
  const sent = new URL(h.state.assigned.at(-1) ?? '');
  h.state.href = `https://console.example.test/?code=one-time-code&state=${sent.searchParams.get('state')}#/beranda`;
  return { sent, done: await h.provider.completeSignIn?.() };
};

describe('the Cognito sign-in (authorization code with PKCE)', () => {
  it('derives the challenge as RFC 7636 does', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('sends the browser to the managed login with an S256 challenge, then trades the code for tokens', async () => {
    const h = harness(() => ({
      id_token: 'id-1',
      access_token: 'access-1',
      refresh_token: 'r-1',
      expires_in: 3600,
    }));
    expect(h.provider.isSignedIn()).toBe(false);
    const { sent, done } = await signIn(h);
    expect(sent.origin + sent.pathname).toBe(config.authorizeUrl);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'console-client',
      redirect_uri: config.redirectUri,
      code_challenge_method: 'S256',
    });
    expect(done).toBe(true);
    const exchange = h.requests[0];
    expect(exchange?.get('grant_type')).toBe('authorization_code');
    expect(exchange?.get('code')).toBe('one-time-code');
    // The verifier sent with the code is the one whose hash went out with the sign-in.
    expect(await codeChallenge(exchange?.get('code_verifier') ?? '')).toBe(
      sent.searchParams.get('code_challenge'),
    );
    // The code leaves the address; the screen stays.
    expect(h.state.replaced).toEqual(['https://console.example.test/#/beranda']);
    expect(h.provider.isSignedIn()).toBe(true);
    expect(await h.provider.accessToken()).toBe('id-1');
  });

  it('refuses a code that comes back with another state, and keeps no tokens', async () => {
    const h = harness(() => ({ id_token: 'id-1', expires_in: 3600 }));
    await h.provider.startSignIn?.();
    h.state.href = 'https://console.example.test/?code=stolen&state=not-ours';
    await expect(h.provider.completeSignIn?.()).rejects.toMatchObject({ name: 'SignInError' });
    expect(h.requests).toHaveLength(0);
    expect(h.provider.isSignedIn()).toBe(false);
  });

  it('does nothing on an ordinary page load', async () => {
    const h = harness(() => 500);
    expect(await h.provider.completeSignIn?.()).toBe(false);
    expect(h.state.replaced).toEqual([]);
  });

  it('refreshes an ID token about to expire, and signs out when the refresh is refused', async () => {
    let refreshes = 0;
    const h = harness((form) => {
      if (form.get('grant_type') === 'authorization_code')
        return { id_token: 'id-1', refresh_token: 'r-1', expires_in: 3600 };
      refreshes += 1;
      return refreshes === 1 ? { id_token: 'id-2', expires_in: 3600 } : 400;
    });
    await signIn(h);
    h.tick(3600_000 - 30_000);
    expect(await h.provider.accessToken()).toBe('id-2');
    expect(h.requests[1]?.get('refresh_token')).toBe('r-1');
    h.tick(3600_000);
    // The kept refresh token is tried again; Cognito refuses it, so the tab is signed out.
    expect(await h.provider.accessToken()).toBeUndefined();
    expect(h.requests[2]?.get('refresh_token')).toBe('r-1');
    expect(h.provider.isSignedIn()).toBe(false);
  });

  it('ends the session at the managed login only when staff press Keluar', async () => {
    const h = harness(() => ({ id_token: 'id-1', expires_in: 3600 }));
    await signIn(h);
    h.provider.signOut();
    expect(h.state.assigned).toHaveLength(1);
    await signIn(h);
    h.provider.endSession?.();
    const logout = new URL(h.state.assigned.at(-1) ?? '');
    expect(logout.origin + logout.pathname).toBe(config.logoutUrl);
    expect(logout.searchParams.get('logout_uri')).toBe(config.redirectUri);
    expect(h.provider.isSignedIn()).toBe(false);
  });
});
