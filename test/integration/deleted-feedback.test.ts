import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

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
  process.env.FOLLOWUPS_TABLE = 'sebar-followups';
  digest = await import('../../functions/domain/feedback/digest');
  related = await import('../../functions/domain/feedback/related-feedback');
  repo = await import('../../functions/adapters/feedback-repo');
  const { dynamo } = await import('../../functions/common/aws/dynamo');
  const put = (id: string, fields: Record<string, unknown>) =>
    dynamo.send(
      new PutCommand({
        TableName: 'sebar-feedback',
        Item: {
          id,
          platform: 'instagram',
          platformId: id,
          kind: 'comment',
          authorHandle: 'warga',
          text: 'Kapan jadwal fogging DBD di Cibiru?',
          label: 'question',
          urgent: false,
          status: 'open',
          ...fields,
          createdAt: fields.receivedAt,
          processedAt: fields.receivedAt,
        },
      }),
    );
  const complaint = {
    label: 'complaint',
    category: 'service',
    text: 'Fogging DBD di Cibiru tidak datang',
    watches: ['dbd'],
  };
  for (const suffix of ['live', 'deleted']) {
    await put(`complaint-${suffix}`, { ...complaint, receivedAt: at(60) });
    await put(`urgent-${suffix}`, { ...complaint, urgent: true, receivedAt: at(30) });
    await put(`question-${suffix}`, {
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
