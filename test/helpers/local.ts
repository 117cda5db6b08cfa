import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freePortSettings } from '../../local/ports';
import { type LocalRuntime, startLocal } from '../../local/runtime';

export { freePort } from '../../local/ports';

export interface TestEnv {
  readonly dataDir: string;
  readonly env: Record<string, string>;
}

/**
 * Settings for one test file: a fresh data folder and fixed free ports, kept for the whole file so a
 * restarted runtime comes back on the same endpoints (handlers' clients are created once per process).
 */
export const testEnv = async (): Promise<TestEnv> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'sebar-test-'));
  return {
    dataDir,
    env: {
      SEBAR_DATA_DIR: dataDir,
      ...(await freePortSettings()),
      SEBAR_API_TOKEN: 'test-staff-token-0123456789',
    },
  };
};

export const startTestRuntime = (t: TestEnv): Promise<LocalRuntime> =>
  startLocal({ env: t.env, retryIntervalMs: 20, quiet: true, recurringJobs: false });

export const staff = (rt: LocalRuntime) => ({
  request: async (path: string, init: RequestInit = {}) => {
    const r = await fetch(`${rt.endpoints.gateway}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${rt.apiToken}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  },
});

const randomWord = () => Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');

let sampleImage: Buffer | undefined;
export const sampleJpeg = async (): Promise<Buffer> => {
  sampleImage ??= await readFile(new URL('../../scripts/assets/sample-infographic.jpg', import.meta.url));
  return sampleImage;
};

export const sampleItem = async (overrides: Record<string, unknown> = {}) => ({
  title: 'Imunisasi campak gratis',
  // Unique per item (X refuses duplicate text), without digits the screening could read as personal data.
  caption: `Imunisasi campak-rubela gratis di puskesmas se-Kota Bandung bulan ini. Bawa buku KIA anak Anda. Kode ${randomWord()}.`,
  platforms: ['instagram', 'x'],
  publishAt: new Date(Date.now() + 1500).toISOString(),
  evaluateAfter: 'PT10S',
  sources: [{ url: 'https://dinkes.bandung.go.id/imunisasi', title: 'Jadwal imunisasi Dinkes Kota Bandung' }],
  media: [{ dataBase64: (await sampleJpeg()).toString('base64'), altText: 'Poster imunisasi campak-rubela' }],
  ...overrides,
});

export const waitFor = async <T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 45_000,
  everyMs = 200,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
};

/** Approval links for an item, read from the .eml files in the outbox (one per approver). */
export const approvalLinks = async (rt: LocalRuntime, itemId: string): Promise<string[]> => {
  const links: string[] = [];
  for (const name of (await readdir(rt.outboxDir)).filter((n) => n.endsWith('.eml'))) {
    const mime = await readFile(join(rt.outboxDir, name), 'utf8');
    if (!mime.includes(`X-Sebar-Item: ${itemId}`)) continue;
    for (const part of mime.split(/\r\n\r\n/)) {
      const text = Buffer.from(part.replace(/\r\n/g, ''), 'base64').toString('utf8');
      const link = /https?:\/\/\S+\/approvals\/[^\s"<]+/.exec(text)?.[0];
      if (link) {
        links.push(link);
        break;
      }
    }
  }
  return links;
};

export const waitForApprovalLink = (rt: LocalRuntime, itemId: string) =>
  waitFor('the approval email', async () => (await approvalLinks(rt, itemId))[0]);

/** The gateway serves links as http://localhost:<port>; tests talk to 127.0.0.1. */
export const localUrl = (rt: LocalRuntime, link: string): string => {
  const u = new URL(link);
  return `${rt.endpoints.gateway}${u.pathname}${u.search}`;
};

type LateAnswer = { choice: 'now' } | { choice: 'new-time'; newPublishAt: string } | { choice: 'none' };

/**
 * Sends the form of an approval page (its html, fetched from `pageUrl`) with the given decision, as a
 * browser would: the hidden fields as the page has them, and the late choice only when the page asks it.
 */
export const postApprovalForm = async (
  pageUrl: string,
  html: string,
  answer: { decision: 'approve' | 'changes' | 'reject'; comment?: string; late?: LateAnswer },
): Promise<{ status: number; html: string }> => {
  const late = answer.late ?? { choice: 'now' };
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const r = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...hidden,
      decision: answer.decision,
      comment: answer.comment ?? '',
      ...(asksLateChoice(html) && late.choice !== 'none' ? { lateChoice: late.choice } : {}),
      ...('newPublishAt' in late ? { newPublishAt: late.newPublishAt } : {}),
    }),
  });
  return { status: r.status, html: await r.text() };
};

/** Whether an approval page asks how to publish an item whose time has passed. */
export const asksLateChoice = (html: string): boolean => html.includes('name="lateChoice"');

/**
 * Opens the approval page and submits its form with the given decision, as a browser would. A page that
 * says the publish time has passed asks how to publish when approving (docs/decisions/0017): `late` is
 * the answer, "publish now" unless told otherwise (`none` sends the form without a choice). A page opened
 * before the publish time and sent after it comes back asking; the approver answers it, as a person at
 * the browser would.
 */
export const decideThroughPage = async (
  rt: LocalRuntime,
  link: string,
  decision: 'approve' | 'changes' | 'reject',
  comment = '',
  late: LateAnswer = { choice: 'now' },
): Promise<{ status: number; html: string }> => {
  const url = localUrl(rt, link);
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, html };
  const first = await postApprovalForm(url, html, { decision, comment, late });
  const askedNow = first.status === 400 && !asksLateChoice(html) && asksLateChoice(first.html);
  if (!askedNow || late.choice === 'none') return first;
  return postApprovalForm(url, first.html, { decision, comment, late });
};

export const sandboxPosts = async (rt: LocalRuntime) =>
  (
    (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/posts`)).json()) as {
      posts: { platform: string; id: string; text: string; media: unknown[]; replyTo?: string }[];
    }
  ).posts;

/** Submits a sample item (with overrides) through the staff API; fails loudly unless it is accepted. */
export const submitItem = async (
  rt: LocalRuntime,
  overrides: Record<string, unknown> = {},
): Promise<string> => {
  const r = await staff(rt).request('/content', {
    method: 'POST',
    body: JSON.stringify(await sampleItem(overrides)),
  });
  if (r.status !== 201) throw new Error(`POST /content answered ${r.status}: ${JSON.stringify(r.body)}`);
  return String(r.body.id);
};

/** Waits until the item has the given status and returns it as the staff API shows it. */
export const waitForItemStatus = (rt: LocalRuntime, id: string, status: string, timeoutMs?: number) =>
  waitFor(
    `item ${id} to be ${status}`,
    async () => {
      const item = (await staff(rt).request(`/content/${id}`)).body;
      if (item.status !== status) throw new Error(`still ${String(item.status)}`);
      return item;
    },
    timeoutMs,
  );

/** Waits until the item's timeline has the given stage (e.g. `reevaluated`) and returns the item. */
export const waitForStage = (rt: LocalRuntime, id: string, stage: string, timeoutMs?: number) =>
  waitFor(
    `item ${id} to reach ${stage}`,
    async () => {
      const item = (await staff(rt).request(`/content/${id}`)).body;
      return ((item.timeline ?? []) as { stage: string }[]).some((t) => t.stage === stage) ? item : undefined;
    },
    timeoutMs,
  );

/**
 * Waits until Sebar has recorded the item as published on every given platform, with post ids, and
 * returns the post id per platform. (The sandbox holds a post a moment before Sebar records it.)
 */
export const waitForPublished = async (
  rt: LocalRuntime,
  id: string,
  platforms: readonly string[] = ['instagram', 'x'],
  timeoutMs?: number,
): Promise<Record<string, string>> => {
  const pubs = await waitFor(
    `item ${id} published on ${platforms.join(' and ')}`,
    async () => {
      const body = (await staff(rt).request(`/content/${id}`)).body;
      const list = (body.publications ?? []) as { platform: string; state: string; postId?: string }[];
      const done = platforms.every((platform) =>
        list.some((p) => p.platform === platform && p.state === 'published' && p.postId),
      );
      // What the item looked like last, for the timeout's message.
      if (!done)
        throw new Error(
          `item ${String(body.status)}, publications ${JSON.stringify(list.map((p) => `${p.platform}:${p.state}`))}`,
        );
      return list;
    },
    timeoutMs,
  );
  return Object.fromEntries(
    pubs.filter((p) => p.state === 'published' && p.postId).map((p) => [p.platform, p.postId ?? '']),
  );
};

/** Emails in the local outbox that carry a header line (e.g. `X-Sebar-Alert: platform-accounts`), decoded. */
export const outboxEmails = async (
  rt: LocalRuntime,
  headerLine: string,
): Promise<{ file: string; headers: string; text: string }[]> => {
  const out: { file: string; headers: string; text: string }[] = [];
  for (const file of (await readdir(rt.outboxDir)).filter((n) => n.endsWith('.eml')).sort()) {
    const mime = await readFile(join(rt.outboxDir, file), 'utf8');
    const [headers = '', ...parts] = mime.split(/\r\n\r\n/);
    if (!headers.includes(headerLine)) continue;
    const text = parts
      .map((p) =>
        /^[A-Za-z0-9+/=\r\n]+$/.test(p.trim())
          ? Buffer.from(p.replace(/\r\n/g, ''), 'base64').toString('utf8')
          : p,
      )
      .join('\n');
    out.push({ file, headers, text });
  }
  return out;
};

/** Waits until the queue consumer has classified a feedback record (intake only stores and queues it). */
export const waitForProcessedFeedback = (rt: LocalRuntime, feedbackId: string) =>
  waitFor(`feedback ${feedbackId} to be processed`, async () => {
    const r = await staff(rt).request(`/feedback/${feedbackId}`);
    return r.status === 200 && r.body.label ? r.body : undefined;
  });

/** The local Meta app secret; a webhook body is signed with it as `x-hub-signature-256`. */
export const META_APP_SECRET = 'sebar-local-meta-app-secret';

export const metaSignature = (body: string): string =>
  `sha256=${createHmac('sha256', META_APP_SECRET).update(body).digest('hex')}`;

/** The body Meta sends for one Instagram comment, dated `time` (Unix seconds). */
export const instagramCommentBody = (c: {
  id: string;
  text: string;
  author: string;
  time: number;
  fromId?: string;
}): string =>
  JSON.stringify({
    object: 'instagram',
    entry: [
      {
        id: '17841400000000001',
        time: c.time,
        changes: [
          {
            field: 'comments',
            value: {
              id: c.id,
              text: c.text,
              from: { id: c.fromId ?? '42', username: c.author },
              media: { id: '1' },
            },
          },
        ],
      },
    ],
  });

/** Posts a body to the Instagram webhook, signed as Meta signs it unless another signature is given. */
export const postInstagramWebhook = (rt: LocalRuntime, body: string, signature = metaSignature(body)) =>
  fetch(`${rt.endpoints.gateway}/webhooks/instagram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });

/**
 * A signed Instagram comment delivery, as Meta sends it, written `hoursAgo` hours ago; returns the stored
 * feedback record once the queue consumer has classified it.
 */
export const deliverInstagramComment = async (
  rt: LocalRuntime,
  text: string,
  { hoursAgo = 0, author = 'warga_cibiru' }: { hoursAgo?: number; author?: string } = {},
) => {
  const id = `8${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const time = Math.floor((Date.now() - hoursAgo * 3_600_000) / 1000);
  const r = await postInstagramWebhook(rt, instagramCommentBody({ id, text, author, time }));
  expect(r.status).toBe(200);
  return waitForProcessedFeedback(rt, `instagram-${id}`);
};
