import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approvalLinks,
  decideThroughPage,
  localUrl,
  outboxEmails,
  staff,
  submitItem,
  waitForApprovalLink,
  waitForItemStatus,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const STAFF_ONLY = 'staff-only-token-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: STAFF_ONLY } });
let supervisor: ReturnType<typeof staff>;
const asStaffOnly = (path: string, body: unknown) =>
  fetch(`${rt.endpoints.gateway}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAFF_ONLY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
// The office's public WhatsApp line, written without saying whose line it is: screening cannot tell it from a
// private mobile number and flags it, wrongly here. (With "Layanan WhatsApp Dinkes" before it, it passes.)
const hotlineCaption = 'Konsultasi DBD gratis lewat WhatsApp: 0811-2233-4455 (Senin-Jumat).';
const justification =
  '0811-2233-4455 adalah nomor WhatsApp resmi layanan publik Dinkes, bukan nomor pribadi warga.';

beforeAll(async () => {
  supervisor = staff(rt);
});

describe('a blocked item', () => {
  it('waits for a supervisor, who overrides a false positive with an audited justification', async () => {
    // A short approval deadline that passes while the item is blocked: the override must set a new one.
    const firstDeadline = new Date(Date.now() + 4000).toISOString();
    const id = await submitItem(rt, { caption: hotlineCaption, approvalDeadline: firstDeadline });
    const blocked = await waitForItemStatus(rt, id, 'blocked');
    expect(blocked.screening).toMatchObject({ reasons: [expect.stringMatching(/phone/)], revision: 1 });
    expect(await approvalLinks(rt, id)).toEqual([]);

    // Not a supervisor: refused, nothing changes.
    const refused = await asStaffOnly(`/content/${id}/override`, { justification });
    expect(refused.status).toBe(403);
    // A justification too short to explain anything: refused.
    const short = await supervisor.request(`/content/${id}/override`, {
      method: 'POST',
      body: JSON.stringify({ justification: 'ok' }),
    });
    expect(short.status).toBe(400);
    expect((await supervisor.request(`/content/${id}`)).body.status).toBe('blocked');

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(firstDeadline) - Date.now() + 500)));
    const ok = await supervisor.request(`/content/${id}/override`, {
      method: 'POST',
      body: JSON.stringify({ justification }),
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id, status: 'overridden', revision: 1 });

    // The same revision goes to the approvers, who see who overrode the screening and why.
    const link = await waitForApprovalLink(rt, id);
    const [mail] = await outboxEmails(rt, `X-Sebar-Item: ${id}`);
    expect(mail?.text).toContain('supervisor humas@localhost');
    expect(mail?.text).toContain(justification);
    const item = (await supervisor.request(`/content/${id}`)).body;
    expect(item.screeningOverride).toMatchObject({ by: 'humas@localhost', justification, revision: 1 });
    // A fresh deadline (48 hours by default), so the link works although the first deadline passed.
    expect(Date.parse(String(item.approvalDeadline))).toBeGreaterThan(Date.now() + 47 * 3600_000);
    expect((await fetch(localUrl(rt, link))).status).toBe(200);

    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: rt.endpoints.dynamodb,
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
    );
    const audit = await ddb.send(
      new ScanCommand({
        TableName: 'sebar-audit',
        FilterExpression: 'itemId = :i AND #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':i': id, ':a': 'screening.overridden' },
      }),
    );
    expect(audit.Items).toHaveLength(1);
    expect(audit.Items?.[0]).toMatchObject({
      actor: 'humas@localhost',
      detail: { justification, reasons: [expect.stringMatching(/phone/)], groups: ['staff', 'supervisor'] },
    });
    ddb.destroy();

    // A second override of the same item is refused: it is no longer blocked.
    const again = await supervisor.request(`/content/${id}/override`, {
      method: 'POST',
      body: JSON.stringify({ justification }),
    });
    expect(again.status).toBe(409);

    expect((await decideThroughPage(rt, link, 'approve')).status).toBe(200);
    await waitForItemStatus(rt, id, 'evaluated');
  });

  it('can be revised by staff instead: fact-finding runs again on the new text', async () => {
    const id = await submitItem(rt, {
      caption: 'Ibu Siti Aminah (NIK 3273015203900001) positif DBD dan dirawat di RSHS.',
    });
    await waitForItemStatus(rt, id, 'blocked');
    const revised = await supervisor.request(`/content/${id}/revisions`, {
      method: 'POST',
      body: JSON.stringify({ caption: 'Kasus DBD di Bandung naik minggu ini. Lakukan 3M Plus di rumah.' }),
    });
    expect(revised.status).toBe(200);
    expect(revised.body.revision).toBe(2);
    const waiting = await waitForItemStatus(rt, id, 'awaiting-approval');
    expect(waiting.revision).toBe(2);
    expect(await waitForApprovalLink(rt, id)).toMatch(/approvals/);
  });

  it('can be cancelled while it waits', async () => {
    const id = await submitItem(rt, { caption: 'Ibu Siti (NIK 3273015203900001) dirawat karena DBD.' });
    await waitForItemStatus(rt, id, 'blocked');
    const r = await supervisor.request(`/content/${id}/cancel`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Data pasien; tidak akan diterbitkan' }),
    });
    expect(r.status).toBe(200);
    expect((await supervisor.request(`/content/${id}`)).body.status).toBe('cancelled');
  });
});
