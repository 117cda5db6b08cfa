import { beforeAll, describe, expect, it } from 'vitest';
import { approvalsForItem } from '../../functions/adapters/approvals-repo';
import { auditTrail } from '../../functions/adapters/audit-repo';
import { formatLocal } from '../../functions/domain/support/time';
import {
  asksLateChoice,
  decideThroughPage,
  localUrl,
  postApprovalForm,
  sandboxPosts,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * An approval that arrives after the publish time, through the real workflow (docs/decisions/0017): the
 * approver is told the time has passed, a form without a choice decides nothing, and the choice made is
 * what the workflow does: a new time is waited for, "publish now" publishes at once.
 */
const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

beforeAll(() => {
  api = staff(rt);
});

const item = async (id: string) => (await api.request(`/content/${id}`)).body;
/** The earliest time Sebar recorded a post of the item going out, once both platforms have one. */
const publishedAt = (id: string, timeoutMs?: number) =>
  waitFor(
    `item ${id} published on both platforms`,
    async () => {
      const times = ((await item(id)).publications as { publishedAt?: string }[])
        .map((p) => p.publishedAt)
        .filter((t): t is string => Boolean(t));
      return times.length === 2 ? times.sort()[0] : undefined;
    },
    timeoutMs,
  );
/** A WIB wall-clock time to the second, as the page's datetime-local field takes it. */
const wibWallClock = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19);

/** Submits an item due in a moment, then waits until its approval email is out and its time has passed. */
const lateItem = async () => {
  const publishAt = new Date(Date.now() + 1500).toISOString();
  const id = await submitItem(rt, { publishAt });
  const link = await waitForApprovalLink(rt, id);
  await waitFor('the publish time to pass', async () => Date.now() > new Date(publishAt).getTime() + 500);
  return { id, link, publishAt };
};

describe('an approval after the publish time', () => {
  it('tells the approver, refuses a form without a choice, and publishes at the new time chosen', async () => {
    const { id, link, publishAt } = await lateItem();

    const page = await fetch(localUrl(rt, link));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`Waktu terbit yang direncanakan, ${formatLocal(publishAt)}, sudah lewat.`);
    expect(html).toContain('Terbitkan sekarang');

    // The old form (approve, no choice) decides nothing: the page comes back asking for the choice.
    const plain = await decideThroughPage(rt, link, 'approve', '', { choice: 'none' });
    expect(plain.status).toBe(400);
    expect(plain.html).toContain('role="alert"');
    // A new time already past is refused the same way.
    const past = await decideThroughPage(rt, link, 'approve', '', {
      choice: 'new-time',
      newPublishAt: wibWallClock(Date.now() - 60_000),
    });
    expect(past.status).toBe(400);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await item(id)).status).toBe('awaiting-approval');
    expect((await approvalsForItem(id))[0]?.status).toBe('pending');

    const newTime = Math.ceil((Date.now() + 12_000) / 1000) * 1000;
    const approved = await decideThroughPage(rt, link, 'approve', 'Terbitkan sore ini', {
      choice: 'new-time',
      newPublishAt: wibWallClock(newTime),
    });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain(`Jadwal terbit: ${formatLocal(new Date(newTime).toISOString())}.`);

    const scheduled = await waitForItemStatus(rt, id, 'scheduled');
    expect(scheduled.publishAt).toBe(new Date(newTime).toISOString());
    // Nothing goes out before the new time.
    const caption = String(scheduled.caption);
    await new Promise((r) => setTimeout(r, Math.max(0, newTime - Date.now() - 3000)));
    expect((await sandboxPosts(rt)).filter((p) => p.text === caption)).toEqual([]);

    const at = new Date(await publishedAt(id)).getTime();
    expect(at).toBeGreaterThanOrEqual(newTime - 1000);
    expect(at).toBeLessThan(newTime + 15_000);

    const late = { plannedAt: publishAt, choice: 'new-time', publishAt: new Date(newTime).toISOString() };
    expect((await approvalsForItem(id))[0]).toMatchObject({ status: 'approved', late });
    expect((await auditTrail(id)).find((a) => a.action === 'approval.approved')?.detail).toMatchObject({
      late,
    });
  });

  it('with "publish now", publishes at once', async () => {
    const { id, link, publishAt } = await lateItem();
    expect(await (await fetch(localUrl(rt, link))).text()).toContain('sudah lewat');
    const pressed = Date.now();
    const approved = await decideThroughPage(rt, link, 'approve', '', { choice: 'now' });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('segera diterbitkan');
    const at = new Date(await publishedAt(id, 20_000)).getTime();
    expect(at).toBeGreaterThanOrEqual(pressed - 1000);
    expect(at).toBeLessThan(pressed + 15_000);
    const record = (await approvalsForItem(id))[0];
    expect(record?.late).toMatchObject({ plannedAt: publishAt, choice: 'now' });
    expect((await item(id)).publishAt).toBe(record?.late?.publishAt);
  });

  it('a page opened on time and sent after the time passed comes back asking; the answer publishes', async () => {
    // Time enough for the approval email to go out and the page to be opened before the publish time.
    const publishAt = new Date(Date.now() + 15_000).toISOString();
    const id = await submitItem(rt, { publishAt });
    const url = localUrl(rt, await waitForApprovalLink(rt, id));
    const page = await (await fetch(url)).text();
    expect(Date.now()).toBeLessThan(new Date(publishAt).getTime());
    expect(asksLateChoice(page)).toBe(false);

    await waitFor('the publish time to pass', async () => Date.now() > new Date(publishAt).getTime() + 500);
    const refused = await postApprovalForm(url, page, { decision: 'approve' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('sudah lewat');
    expect(asksLateChoice(refused.html)).toBe(true);
    expect((await approvalsForItem(id))[0]?.status).toBe('pending');

    const pressed = Date.now();
    const approved = await postApprovalForm(url, refused.html, {
      decision: 'approve',
      late: { choice: 'now' },
    });
    expect(approved.status).toBe(200);
    const at = new Date(await publishedAt(id, 20_000)).getTime();
    expect(at).toBeGreaterThanOrEqual(pressed - 1000);
    expect((await approvalsForItem(id))[0]?.late).toMatchObject({ plannedAt: publishAt, choice: 'now' });
  });
});
