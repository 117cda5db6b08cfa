import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalRuntime } from '../local/runtime';

/**
 * One content item through the whole workflow on a local runtime, as people would move it: submitted by staff
 * through the API, approved through the emailed link (the page opened, then its form posted), published at its
 * time to the sandbox platforms and evaluated. Used by the item benchmark and the cost run.
 */

export const FINAL_STATUSES = ['evaluated', 'failed', 'evaluation-failed', 'rejected', 'blocked', 'expired'];

export interface ItemRun {
  readonly id: string;
  readonly executionArn: string;
  readonly status: string;
  readonly seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The approval link in the item's approval email, once the email is in the outbox. */
const approvalLink = async (rt: LocalRuntime, id: string, deadline: number): Promise<string> => {
  for (;;) {
    for (const n of await readdir(rt.outboxDir)) {
      const mime = await readFile(join(rt.outboxDir, n), 'utf8');
      if (!mime.includes(`X-Sebar-Item: ${id}`)) continue;
      for (const part of mime.split(/\r\n\r\n/)) {
        const m = /\/approvals\/[^\s"<]+/.exec(
          Buffer.from(part.replace(/\r\n/g, ''), 'base64').toString('utf8'),
        );
        if (m) return `${rt.endpoints.gateway}${m[0].replace(/&amp;/g, '&')}`;
      }
    }
    if (Date.now() > deadline) throw new Error(`no approval email for item ${id}`);
    await sleep(100);
  }
};

export const runItem = async (
  rt: LocalRuntime,
  i: number,
  image: Buffer,
  options: {
    readonly label?: string;
    readonly timeoutMs?: number;
    /** The late-metrics window (the workflow's default is seven days); the cost run shortens it to finish. */
    readonly reevaluateAfter?: string;
    /**
     * Waits until the workflow is done, before the item is read once. By default the staff API is asked every
     * half second; the cost run watches the execution instead, so polling is not counted as use.
     */
    readonly settled?: (executionArn: string) => Promise<void>;
  } = {},
): Promise<ItemRun> => {
  const headers = { authorization: `Bearer ${rt.apiToken}`, 'content-type': 'application/json' };
  const t0 = Date.now();
  const deadline = t0 + (options.timeoutMs ?? 120_000);
  const label = options.label ?? 'Pengukuran';
  const r = await fetch(`${rt.endpoints.gateway}/content`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: `${label} ${i}`,
      caption: `${label} ${i}: cuci tangan pakai sabun mencegah diare. ${crypto.randomUUID().slice(0, 8)}`,
      platforms: ['instagram', 'x'],
      publishAt: new Date(Date.now() + 2000).toISOString(),
      evaluateAfter: 'PT10S',
      ...(options.reevaluateAfter ? { reevaluateAfter: options.reevaluateAfter } : {}),
      sources: [{ url: 'https://ayosehat.kemkes.go.id/', title: 'Kemenkes' }],
      media: [{ dataBase64: image.toString('base64'), altText: 'Poster cuci tangan' }],
    }),
  });
  const { id, executionArn } = (await r.json()) as { id: string; executionArn: string };
  if (!id) throw new Error(`submission refused: ${r.status}`);
  const link = await approvalLink(rt, id, deadline);
  // A page or a decision that failed (5xx under load) is tried again, as a person would, opening the link
  // again: a decision recorded but not delivered comes back as a page that sends it again.
  const seen: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const opened = await fetch(link);
    const page = await opened.text();
    const hidden = Object.fromEntries(
      [...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const decided =
      opened.status === 200
        ? await fetch(link.split('?')[0] ?? link, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            // Approved after its publish time, the page asks for a choice (docs/decisions/0017): publish now.
            body: new URLSearchParams({
              ...hidden,
              decision: 'approve',
              ...(page.includes('name="lateChoice"') ? { lateChoice: 'now', newPublishAt: '' } : {}),
            }),
          })
        : undefined;
    await decided?.text();
    seen.push(`page ${opened.status}${decided ? `, decision ${decided.status}` : ''}`);
    if (decided && decided.status < 400) break;
    if (attempt >= 5) throw new Error(`item ${id}: the approval was not accepted (${seen.join('; ')})`);
    await sleep(1000);
  }
  const read = async () =>
    String(
      (
        (await (await fetch(`${rt.endpoints.gateway}/content/${id}`, { headers })).json()) as {
          status: string;
        }
      ).status,
    );
  if (options.settled) await options.settled(executionArn);
  let status = await read();
  while (!FINAL_STATUSES.includes(status)) {
    if (Date.now() > deadline) throw new Error(`item ${id} did not finish (status ${status})`);
    await sleep(500);
    status = await read();
  }
  return { id, executionArn, status, seconds: (Date.now() - t0) / 1000 };
};
