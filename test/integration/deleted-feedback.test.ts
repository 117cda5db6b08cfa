import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, putFeedback, startLocalAws } from '../helpers/local-aws';

/**
 * Messages their authors deleted on the platform (`deletedAt`, set by markFeedbackDeleted as intake does)
 * stay stored, but the daily digest and fact-finding's related feedback no longer count them. Each
 * deleted message below has a live twin, so a test that passes only because nothing was found cannot.
 */
let aws: LocalAws;
let digest: typeof import('../../functions/domain/feedback/digest');
let related: typeof import('../../functions/domain/feedback/related-feedback');
let repo: typeof import('../../functions/adapters/feedback-repo');

const NOW = new Date('2026-11-27T03:00:00.000Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

beforeAll(async () => {
  aws = await startLocalAws();
  digest = await import('../../functions/domain/feedback/digest');
  related = await import('../../functions/domain/feedback/related-feedback');
  repo = await import('../../functions/adapters/feedback-repo');
  const complaint = {
    label: 'complaint',
    category: 'service',
    text: 'Fogging DBD di Cibiru tidak datang',
    watches: ['dbd'],
  };
  for (const suffix of ['live', 'deleted']) {
    await putFeedback(`complaint-${suffix}`, { ...complaint, receivedAt: at(60) });
    await putFeedback(`urgent-${suffix}`, { ...complaint, urgent: true, receivedAt: at(30) });
    await putFeedback(`question-${suffix}`, {
      receivedAt: at(2 * 24 * 60),
      text: 'Apakah fogging DBD di Cibiru gratis?',
    });
  }
  for (const id of ['complaint-deleted', 'urgent-deleted', 'question-deleted'])
    expect(await repo.markFeedbackDeleted(id, { at: at(10), rawKey: `raw/${id}.json` })).toBe(true);
});
afterAll(async () => {
  await aws?.stop();
});

describe('messages deleted on the platform', () => {
  it('stay stored', async () => {
    expect(await repo.findFeedback('complaint-deleted')).toMatchObject({
      deletedAt: at(10),
      text: 'Fogging DBD di Cibiru tidak datang',
    });
  });

  it('are not counted by the daily digest: new messages, complaints, urgent, keyword hits, open questions', async () => {
    const d = await digest.buildDigest(NOW);
    expect(d.newFeedback).toBe(2);
    expect(d.complaintsByCategory.map((c) => [c.category, c.count])).toEqual([['service', 2]]);
    expect(d.complaintsByCategory[0]?.examples.map((e) => e.id).sort()).toEqual([
      'complaint-live',
      'urgent-live',
    ]);
    expect(d.urgent).toMatchObject({ count: 1, entries: [{ id: 'urgent-live' }] });
    expect(d.watches).toMatchObject([{ keyword: 'dbd', count: 2 }]);
    expect(d.unansweredQuestions).toMatchObject({ count: 1, entries: [{ id: 'question-live' }] });
  });

  it('are not shown by fact-finding as what citizens ask', async () => {
    const found = await related.relatedFeedback('Jadwal fogging DBD di Cibiru minggu ini', NOW);
    expect(found.map((f) => f.id).sort()).toEqual(['complaint-live', 'question-live', 'urgent-live']);
  });
});
