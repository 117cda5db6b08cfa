import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxQuery } from '../../functions/domain/feedback/inbox-inputs';
import { type LocalAws, putFeedback, startLocalAws } from '../helpers/local-aws';

let aws: LocalAws;
let inbox: typeof import('../../functions/domain/feedback/inbox');
let digest: typeof import('../../functions/domain/feedback/digest');
let related: typeof import('../../functions/domain/feedback/related-feedback');

beforeAll(async () => {
  aws = await startLocalAws();
  inbox = await import('../../functions/domain/feedback/inbox');
  digest = await import('../../functions/domain/feedback/digest');
  related = await import('../../functions/domain/feedback/related-feedback');
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  await putFeedback('open-old-urgent', {
    receivedAt: at(600),
    urgent: true,
    label: 'complaint',
    text: 'Ada yang pingsan',
  });
  await putFeedback('open-new', { receivedAt: at(5) });
  await putFeedback('open-two-days', {
    receivedAt: at(2 * 24 * 60),
    text: 'Vaksin campak di puskesmas mana?',
  });
  await putFeedback('open-three-weeks', { receivedAt: at(21 * 24 * 60), text: 'Apakah fogging DBD gratis?' });
  await putFeedback('answered-urgent', { receivedAt: at(30), urgent: true, status: 'answered' });
  await putFeedback('open-forty-days', {
    receivedAt: at(40 * 24 * 60),
    text: 'Kenapa fogging DBD belum sampai Cibiru?',
  });
  await putFeedback('complaint-forty-days', {
    receivedAt: at(40 * 24 * 60 + 1),
    label: 'complaint',
    status: 'answered',
    text: 'Fogging DBD di Cibiru tidak pernah datang',
  });
  for (let i = 0; i < 12; i++)
    await putFeedback(`closed-${String(i).padStart(2, '0')}`, {
      receivedAt: at(100 + i),
      status: 'closed',
      label: 'other',
    });
});
afterAll(async () => {
  await aws?.stop();
});

const NOW = new Date('2026-11-27T03:00:00.000Z');
const query = (q: Record<string, string>) => inboxQuery.parse(q);

describe('the inbox, digest and fact-finding read feedback through the status index', () => {
  it('puts open urgent messages first, then open, answered and closed, newest first in each', async () => {
    const ids = (await inbox.listFeedback(query({ limit: '8' }))).map((f) => f.id);
    expect(ids).toEqual([
      'open-old-urgent',
      'open-new',
      'open-two-days',
      'open-three-weeks',
      'open-forty-days',
      'answered-urgent', // answered: its urgency was dealt with
      'complaint-forty-days',
      'closed-00',
    ]);
  });

  it('filters by status, label and urgency, and honours the limit', async () => {
    expect((await inbox.listFeedback(query({ status: 'closed', limit: '3' }))).map((f) => f.id)).toEqual([
      'closed-00',
      'closed-01',
      'closed-02',
    ]);
    expect((await inbox.listFeedback(query({ label: 'complaint' }))).map((f) => f.id)).toEqual([
      'open-old-urgent',
      'complaint-forty-days',
    ]);
    expect((await inbox.listFeedback(query({ urgent: 'true' }))).map((f) => f.id)).toEqual([
      'open-old-urgent',
      'answered-urgent',
    ]);
    expect(await inbox.listFeedback(query({ status: 'closed', label: 'question' }))).toEqual([]);
  });

  it('the digest lists every open question older than a day, however old', async () => {
    const d = await digest.buildDigest(NOW);
    expect(d.unansweredQuestions.entries.map((e) => e.id)).toEqual([
      'open-forty-days',
      'open-three-weeks',
      'open-two-days',
    ]);
  });

  it('fact-finding finds recent related questions and complaints, not older than 30 days', async () => {
    const found = await related.relatedFeedback('Fogging DBD di kecamatan Cibiru minggu ini', NOW);
    expect(found.map((f) => f.id)).toEqual(['open-new', 'answered-urgent', 'open-three-weeks']);
  });

  it('a filtered look through closed messages reads a bounded number of pages', async () => {
    const { FEEDBACK_STATUSES, Filter, feedbackWithStatus } = await import(
      '../../functions/adapters/feedback-repo'
    );
    expect(FEEDBACK_STATUSES).toContain('closed');
    // closed-11 is the oldest of twelve: three pages of three do not reach it, an unbounded read does.
    const only = () => new Filter().equals('id', 'closed-11');
    expect(await feedbackWithStatus('closed', { filter: only(), pageSize: 3, maxPages: 3 })).toEqual([]);
    const all = await feedbackWithStatus<{ id: string }>('closed', { filter: only(), pageSize: 3 });
    expect(all.map((r) => r.id)).toEqual(['closed-11']);
  });
});
