import { afterEach, describe, expect, it } from 'vitest';
import { LambdaInvocationError, setInvokeHook } from '../../local/lambda';
import { ServiceError } from '../../local/stepfunctions/errors';
import {
  approvalLinks,
  decideThroughPage,
  localUrl,
  submitItem,
  waitForApprovalLink,
  waitForItemStatus,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The approval step fails on a passing fault after it has emailed the approver, and the
 * approver decides before the step runs again. The decision went to a task that no longer waits; the
 * re-run of the step finds it and hands it to its own task, and the item publishes. Nobody is emailed
 * twice and nobody has to decide twice.
 */
const { rt } = useRuntime();

afterEach(() => setInvokeHook(undefined));

describe('a decision made while the approval step was failing', () => {
  it('is handed over by the step when it runs again, and the item publishes', {
    timeout: 90_000,
  }, async () => {
    let runs = 0;
    const pages: { status: number; html: string }[] = [];
    let itemId = '';
    setInvokeHook(async (name, phase) => {
      if (name !== 'request-approval') return;
      if (phase === 'before') runs += 1;
      // The first run sends the email, then fails on a passing fault (a throttled write, say).
      if (runs === 1 && phase === 'after')
        throw new LambdaInvocationError('TransientError', 'The audit table is busy; try again');
      // Before the second run, the approver opens the email and approves.
      if (runs === 2 && phase === 'before') {
        const [link] = await approvalLinks(rt, itemId);
        if (link) pages.push(await decideThroughPage(rt, link, 'approve'));
      }
    });
    // The publish time a minute ahead: the item is approved in time and waits to publish.
    itemId = await submitItem(rt, { publishAt: new Date(Date.now() + 15_000).toISOString() });
    await waitForApprovalLink(rt, itemId);
    const posts = await waitForPublished(rt, itemId, ['instagram', 'x'], 75_000);
    expect(Object.keys(posts).sort()).toEqual(['instagram', 'x']);
    expect(runs).toBe(2);
    // The approver was told the decision is recorded and will be passed on, not that the link is closed.
    expect(pages.map((p) => p.status)).toEqual([202]);
    expect(pages[0]?.html).toContain('Keputusan Anda sudah tercatat');
    // One email: the re-run did not write to the approver again.
    expect(await approvalLinks(rt, itemId)).toHaveLength(1);
    const again = await fetch(localUrl(rt, (await approvalLinks(rt, itemId))[0] ?? ''));
    expect(again.status).toBe(409);
  });

  it('when the workflow cannot be reached, the page says so; the emailed link then sends it again', {
    timeout: 90_000,
  }, async () => {
    const itemId = await submitItem(rt, { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    const link = await waitForApprovalLink(rt, itemId);
    // The local Step Functions service fails every SendTaskSuccess for a while, as a service outage would.
    const engine = rt.engine;
    const deliver = engine.sendTaskSuccess.bind(engine);
    engine.sendTaskSuccess = () => {
      throw new ServiceError('ServiceUnavailable', 'Service is unavailable', 503);
    };
    let first: { status: number; html: string };
    try {
      first = await decideThroughPage(rt, link, 'approve');
    } finally {
      engine.sendTaskSuccess = deliver;
    }
    expect(first.status).toBe(503);
    expect(first.html).toContain('belum terkirim karena gangguan sistem');

    // Opening the link again: the recorded decision, with one button to send it.
    const page = await fetch(localUrl(rt, link));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Kirim ulang keputusan');
    expect(html).toContain('&quot;Setujui&quot;');
    expect(html).not.toContain('name="comment"');
    const sent = await decideThroughPage(rt, link, 'approve');
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Konten telah disetujui');
    await waitForItemStatus(rt, itemId, 'scheduled');
    expect((await fetch(localUrl(rt, link))).status).toBe(409);
  });
});
