import { beforeAll, describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  outboxEmails,
  sampleItem,
  staff,
  waitFor,
  waitForApprovalLink,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/*
 * A publication the platform refuses reaches the staff at once: the real ASL and handlers through the local
 * runtime, the sandbox refusing Instagram's token, and the email read from the local SES outbox.
 */

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

beforeAll(async () => {
  api = staff(rt);
});

describe('a failed publication emails the staff', () => {
  it('once, in Indonesian, with the platform and its reason, and where the item did go out', async () => {
    await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'instagram',
        operation: 'create-container',
        status: 400,
        times: 1,
        body: {
          error: {
            message: 'Error validating access token: Session has expired',
            type: 'OAuthException',
            code: 190,
          },
        },
      }),
    });
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ title: `Token kedaluwarsa ${Date.now()}` })),
    });
    const id = String(created.body.id);
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const item = await waitFor(`item ${id} evaluated`, async () => {
      const body = (await api.request(`/content/${id}`)).body;
      return ['evaluated', 'failed'].includes(String(body.status)) ? body : undefined;
    });
    const pubs = item.publications as { platform: string; state: string; url?: string }[];
    expect(pubs.find((p) => p.platform === 'instagram')?.state).toBe('failed');
    const x = pubs.find((p) => p.platform === 'x');
    expect(x?.state).toBe('published');

    // The approval request carries the item header too; the failure notice is the one with the alert.
    const emails = (await outboxEmails(rt, `X-Sebar-Item: ${id}`)).filter((e) =>
      e.headers.includes('X-Sebar-Alert: publish-failed'),
    );
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email?.headers).toMatch(/^Subject: \[Sebar\] Gagal terbit di Instagram: Token kedaluwarsa/m);
    expect(email?.headers).toMatch(/^To: humas@dinkes\.example\.go\.id/m);
    expect(email?.text).toContain('GAGAL TERBIT di Instagram');
    expect(email?.text).toContain('Token akun tidak berlaku atau sudah berakhir.');
    expect(email?.text).toMatch(/Alasan dari platform: .*access token is invalid or expired/);
    expect(email?.text).toContain(`Sudah terbit di:\n  - X: ${x?.url}`);
    expect(email?.text).toMatch(/WIB/);
  });
});
