import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails, staff, submitItem, waitForItemStatus } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;
const sandbox = (path: string, body: unknown) =>
  fetch(`${rt.endpoints.sandbox}${path}`, { method: 'POST', body: JSON.stringify(body) });
const secrets = async () =>
  JSON.parse(await readFile(join(rt.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
interface Account {
  platform: string;
  ok: boolean;
  refreshed: boolean;
  daysLeft?: number;
  problem?: string;
}
const check = async () => {
  const r = await api.request('/platforms/check', { method: 'POST' });
  expect(r.status).toBe(200);
  return r.body as { accounts: Account[]; warned: boolean; atRisk: { itemId: string; platform: string }[] };
};
const alerts = () => outboxEmails(rt, 'X-Sebar-Alert: platform-accounts');

beforeAll(async () => {
  api = staff(rt);
});

describe('platform tokens are refreshed early and staff warned before a publish would fail', () => {
  let itemId = '';

  it('refreshes an Instagram token of unknown age, stores the new one, and uses it', async () => {
    const first = await check();
    const ig = first.accounts.find((a) => a.platform === 'instagram');
    expect(ig).toMatchObject({ ok: true, refreshed: true });
    expect(ig?.daysLeft).toBeGreaterThanOrEqual(59);
    expect(first.warned).toBe(false);
    const stored = await secrets();
    expect(stored.INSTAGRAM_ACCESS_TOKEN).not.toBe('sandbox-instagram-token');
    expect(Date.parse(stored.INSTAGRAM_TOKEN_EXPIRES_AT ?? '')).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    // The refreshed token works, and nothing is refreshed again while 60 days remain.
    const second = await check();
    expect(second.accounts.find((a) => a.platform === 'instagram')).toMatchObject({
      ok: true,
      refreshed: false,
    });
    expect((await secrets()).INSTAGRAM_ACCESS_TOKEN).toBe(stored.INSTAGRAM_ACCESS_TOKEN);
    // The token never appears in what staff see.
    expect(JSON.stringify(second)).not.toContain(stored.INSTAGRAM_ACCESS_TOKEN);
    expect(await alerts()).toHaveLength(0);
    const status = await api.request('/platforms');
    expect((status.body.accounts as Account[]).map((a) => [a.platform, a.ok])).toEqual([
      ['instagram', true],
      ['x', true],
    ]);
  });

  it('warns staff, listing the scheduled items, when a token nears expiry and cannot be refreshed', async () => {
    itemId = await submitItem(rt, {
      title: 'Jadwal posyandu Desember',
      publishAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    });
    await waitForItemStatus(rt, itemId, 'awaiting-approval');
    // The platform now says the token has 5 days left, and refuses to refresh it today.
    await sandbox('/_sandbox/tokens', { platform: 'instagram', expiresInDays: 5 });
    await sandbox('/_sandbox/faults', {
      platform: 'instagram',
      operation: 'refresh-token',
      status: 500,
      times: 1,
    });
    const stored = await secrets();
    // What Sebar believes about the expiry is what the platform said when it last refreshed; align it.
    const fiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString();
    await writeFile(
      join(rt.dataDir, 'secrets.json'),
      JSON.stringify({ ...stored, INSTAGRAM_TOKEN_EXPIRES_AT: fiveDays }),
    );
    const r = await check();
    const ig = r.accounts.find((a) => a.platform === 'instagram');
    expect(ig).toMatchObject({ ok: true, refreshed: false });
    expect(ig?.daysLeft).toBe(4);
    expect(ig?.problem).toMatch(/refresh failed/);
    expect(r.warned).toBe(true);
    expect(r.atRisk).toEqual([expect.objectContaining({ itemId, platform: 'instagram', afterExpiry: true })]);
    const mails = await alerts();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers).toContain('To: humas@dinkes.example.go.id');
    expect(mails[0]?.text).toContain('Instagram: token berakhir');
    expect(mails[0]?.text).toContain('Jadwal posyandu Desember');
    expect(mails[0]?.text).not.toContain(stored.INSTAGRAM_ACCESS_TOKEN ?? 'never');
    // The next morning the refresh works again, and the warning stops.
    const next = await check();
    expect(next.accounts.find((a) => a.platform === 'instagram')).toMatchObject({
      ok: true,
      refreshed: true,
    });
    expect(next.warned).toBe(false);
  });

  it('warns at once when a token is revoked, before the publish day', async () => {
    await sandbox('/_sandbox/tokens', { platform: 'x', revoked: true });
    const r = await check();
    const xAccount = r.accounts.find((a) => a.platform === 'x');
    expect(xAccount?.ok).toBe(false);
    expect(xAccount?.problem).toMatch(/X refused the access token/);
    expect(r.atRisk).toEqual([expect.objectContaining({ itemId, platform: 'x' })]);
    const mails = await alerts();
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('X: token tidak berlaku');
    await sandbox('/_sandbox/tokens', { platform: 'x', revoked: false });
  });
});
