import { describe, expect, it } from 'vitest';
import { authorizationHeader } from '../../functions/adapters/x-oauth1';
import type { LocalRuntime } from '../../local/runtime';
import {
  decideThroughPage,
  sandboxPosts,
  staff,
  submitItem,
  waitForApprovalLink,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const { rt } = useRuntime();

const authTally = async (r: LocalRuntime) =>
  (
    (await (await fetch(`${r.endpoints.sandbox}/_sandbox/auth`)).json()) as {
      x: { oauth1: number; bearer: number; refused: number };
    }
  ).x;

const xAccount = async (r: LocalRuntime) => {
  const check = await staff(r).request('/platforms/check', { method: 'POST' });
  expect(check.status, JSON.stringify(check.body)).toBe(200);
  return (check.body.accounts as { platform: string; ok: boolean; auth?: string }[]).find(
    (a) => a.platform === 'x',
  );
};

describe('X calls are signed with OAuth 1.0a, the credentials that do not expire', () => {
  it('uploads the image and posts with signed requests, none refused', async () => {
    const caption = `Cuci tangan pakai sabun sebelum makan ${Date.now()}.`;
    const id = await submitItem(rt, { caption, platforms: ['x'] });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const { x: postId } = await waitForPublished(rt, id, ['x']);
    const posts = (await sandboxPosts(rt)).filter((p) => p.text === caption && p.platform === 'x');
    expect(posts.map((p) => p.id)).toEqual([postId]);
    expect(await xAccount(rt)).toMatchObject({ ok: true, auth: 'oauth1' });
    const tally = await authTally(rt);
    // initialize, append, finalize, the post and the account check at least; nothing as a bearer token.
    expect(tally.oauth1).toBeGreaterThanOrEqual(5);
    expect(tally.bearer).toBe(0);
    expect(tally.refused).toBe(0);
  });

  it('the sandbox refuses a wrong secret, a replayed nonce, a changed query and a stale timestamp', async () => {
    const s = rt.settings;
    const credentials = {
      consumerKey: s.X_CONSUMER_KEY,
      consumerSecret: s.X_CONSUMER_SECRET,
      token: s.X_ACCESS_TOKEN,
      tokenSecret: s.X_ACCESS_TOKEN_SECRET,
    };
    const me = new URL(`${rt.endpoints.sandbox}/x/2/users/me`);
    const get = (url: URL, authorization: string) => fetch(url, { headers: { authorization } });

    const good = authorizationHeader('GET', me, credentials);
    expect((await get(me, good)).status).toBe(200);
    expect((await get(me, good)).status).toBe(401); // the same nonce again

    const wrongSecret = authorizationHeader('GET', me, { ...credentials, tokenSecret: 'not-the-secret' });
    expect((await get(me, wrongSecret)).status).toBe(401);

    const signedFor = new URL(`${me}?user.fields=id`);
    const other = new URL(`${me}?user.fields=name`);
    expect((await get(other, authorizationHeader('GET', signedFor, credentials))).status).toBe(401);

    const stale = authorizationHeader('GET', me, credentials, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const noTimestamp = authorizationHeader('GET', me, credentials).replace(/oauth_timestamp="\d+", /, '');
    expect((await get(me, noTimestamp)).status).toBe(401);
    const junkTimestamp = authorizationHeader('GET', me, credentials).replace(
      /oauth_timestamp="\d+"/,
      'oauth_timestamp="soon"',
    );
    expect((await get(me, junkTimestamp)).status).toBe(401);
    // A realm may be sent and is not signed.
    const withRealm = authorizationHeader('GET', me, credentials).replace(/^OAuth /, 'OAuth realm="", ');
    expect((await get(me, withRealm)).status).toBe(200);

    const refused = await get(me, stale);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });
});

describe('without the OAuth 1.0a secret, X_ACCESS_TOKEN is sent as a bearer token', () => {
  it('checks the account with the bearer token', async () => {
    const before = await authTally(rt);
    // Secrets are read on every use locally, so taking the secret away switches the next call.
    const { X_ACCESS_TOKEN_SECRET: secret, X_CONSUMER_KEY: key } = process.env;
    Object.assign(process.env, { X_ACCESS_TOKEN_SECRET: '', X_CONSUMER_KEY: '' });
    try {
      expect(await xAccount(rt)).toMatchObject({ ok: true, auth: 'bearer' });
    } finally {
      Object.assign(process.env, { X_ACCESS_TOKEN_SECRET: secret, X_CONSUMER_KEY: key });
    }
    const after = await authTally(rt);
    expect(after.bearer - before.bearer).toBe(1);
    expect(after.oauth1).toBe(before.oauth1);
  });
});

describe('half of the OAuth 1.0a pair is a configuration error, not a bearer token', () => {
  it('says which setting is missing in the account check', async () => {
    const secret = process.env.X_ACCESS_TOKEN_SECRET;
    process.env.X_ACCESS_TOKEN_SECRET = '';
    try {
      const check = await staff(rt).request('/platforms/check', { method: 'POST' });
      const account = (check.body.accounts as { platform: string; ok: boolean; problem?: string }[]).find(
        (a) => a.platform === 'x',
      );
      expect(account?.ok).toBe(false);
      expect(account?.problem).toMatch(
        /X_CONSUMER_KEY and X_ACCESS_TOKEN_SECRET go together.*only X_CONSUMER_KEY/,
      );
    } finally {
      process.env.X_ACCESS_TOKEN_SECRET = secret;
    }
  });
});
