import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContentItem, rankOf } from '../../functions/domain/content/content';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

let aws: LocalAws;
let repo: typeof import('../../functions/adapters/items-repo');

beforeAll(async () => {
  aws = await startLocalAws();
  repo = await import('../../functions/adapters/items-repo');
});

afterAll(async () => {
  await aws?.stop();
});

const newItem = async (overrides: Partial<ContentItem> = {}): Promise<ContentItem> => {
  const now = new Date().toISOString();
  const item: ContentItem = {
    id: uniqueId('c'),
    kind: 'item',
    title: 'Waspada DBD',
    caption: 'Cegah DBD dengan 3M Plus.',
    platforms: ['instagram', 'x'],
    publishAt: '2026-11-27T08:00:00+07:00',
    evaluateAfter: 'P3D',
    sources: [{ url: 'https://dinkes.bandung.go.id/dbd', title: 'DBD' }],
    media: [{ key: 'media/x.jpg', contentType: 'image/jpeg', bytes: 10, altText: 'Poster' }],
    approvers: ['kepala.dinas@dinkes.example.go.id'],
    approvalRule: 'any',
    approvalLanguage: 'id',
    revisionHash: 'test',
    approvalDeadline: '2026-11-26T08:00:00+07:00',
    revision: 1,
    status: 'submitted',
    statusRank: 0,
    createdAt: now,
    createdBy: 'staff-1',
    updatedAt: now,
    stages: { submitted: { at: now } },
    ...overrides,
  };
  await repo.putNewItem(item);
  return item;
};

describe('items-repo against a real local DynamoDB', () => {
  it('refuses to create the same item twice', async () => {
    const item = await newItem();
    await expect(repo.putNewItem(item)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await repo.getItem(item.id)).title).toBe('Waspada DBD');
  });

  it('getItem throws NotFoundError for a missing item; findItem returns undefined', async () => {
    await expect(repo.getItem('c-missing')).rejects.toMatchObject({ name: 'NotFoundError', statusCode: 404 });
    expect(await repo.findItem('c-missing')).toBeUndefined();
  });

  it('moves an item forward and records the stage, reason and extra fields', async () => {
    const item = await newItem();
    const at = '2026-11-20T01:00:00.000Z';
    expect(
      await repo.transition(item.id, {
        status: 'fact-checked',
        stage: 'fact-checked',
        note: 'sources checked',
        reason: 'ok',
        set: { factFinding: { excluded: false, reasons: [], checkedAt: at } },
        at,
      }),
    ).toBe(true);
    const stored = await repo.getItem(item.id);
    expect(stored.status).toBe('fact-checked');
    expect(stored.statusRank).toBe(rankOf('fact-checked', 1));
    expect(stored.statusReason).toBe('ok');
    expect(stored.updatedAt).toBe(at);
    expect(stored.stages['fact-checked']).toEqual({ at, note: 'sources checked' });
    expect(stored.stages.submitted).toEqual(item.stages.submitted);
    expect(stored.factFinding).toEqual({ excluded: false, reasons: [], checkedAt: at });
  });

  it('ignores a transition to an equal or lower rank and returns false, changing nothing', async () => {
    const item = await newItem();
    expect(await repo.transition(item.id, { status: 'scheduled', stage: 'approved' })).toBe(true);
    const before = await repo.getItem(item.id);

    expect(
      await repo.transition(item.id, { status: 'scheduled', stage: 'approved-again', reason: 'x' }),
    ).toBe(false);
    expect(await repo.transition(item.id, { status: 'awaiting-approval', stage: 'approval-requested' })).toBe(
      false,
    );
    expect(await repo.transition(item.id, { status: 'submitted', stage: 'submitted' })).toBe(false);

    expect(await repo.getItem(item.id)).toEqual(before);
  });

  it('moves only from the listed statuses when asked (a cancel does not overtake a publish)', async () => {
    const item = await newItem();
    expect(await repo.transition(item.id, { status: 'published', stage: 'published' })).toBe(true);
    expect(
      await repo.transition(item.id, {
        status: 'cancelled',
        stage: 'cancelled',
        onlyFrom: ['submitted', 'scheduled'],
      }),
    ).toBe(false);
    expect((await repo.getItem(item.id)).status).toBe('published');
    const other = await newItem();
    expect(
      await repo.transition(other.id, { status: 'cancelled', stage: 'cancelled', onlyFrom: ['submitted'] }),
    ).toBe(true);
  });

  it('never leaves a final status, not even for another final status', async () => {
    const item = await newItem();
    expect(
      await repo.transition(item.id, { status: 'rejected', stage: 'rejected', reason: 'Data belum final' }),
    ).toBe(true);
    for (const status of ['published', 'failed', 'evaluated', 'blocked', 'rejected'] as const) {
      expect(await repo.transition(item.id, { status, stage: status, reason: 'later' })).toBe(false);
    }
    const stored = await repo.getItem(item.id);
    expect(stored.status).toBe('rejected');
    expect(stored.statusReason).toBe('Data belum final');
    expect(Object.keys(stored.stages).sort()).toEqual(['rejected', 'submitted']);
  });

  it('keeps the first time of a stage when a later transition names the same stage', async () => {
    const item = await newItem();
    const first = '2026-11-20T01:00:00.000Z';
    const second = '2026-11-20T02:00:00.000Z';
    expect(
      await repo.transition(item.id, { status: 'fact-checked', stage: 'checked', note: 'one', at: first }),
    ).toBe(true);
    expect(
      await repo.transition(item.id, { status: 'scheduled', stage: 'checked', note: 'two', at: second }),
    ).toBe(true);
    const stored = await repo.getItem(item.id);
    expect(stored.status).toBe('scheduled');
    expect(stored.updatedAt).toBe(second);
    expect(stored.stages.checked).toEqual({ at: first, note: 'one' });
  });

  it('returns false for a transition of an item that does not exist, and creates nothing', async () => {
    const id = uniqueId('c-ghost');
    expect(await repo.transition(id, { status: 'fact-checked', stage: 'fact-checked' })).toBe(false);
    expect(await repo.findItem(id)).toBeUndefined();
  });

  it('setFields with onlyIfAbsent keeps the first value, and overwrites the other fields', async () => {
    const item = await newItem();
    const first = await repo.setFields(
      item.id,
      { evaluateAt: '2026-11-30T01:00:00.000Z', executionArn: 'arn:one' },
      ['evaluateAt'],
    );
    expect(first.evaluateAt).toBe('2026-11-30T01:00:00.000Z');
    const second = await repo.setFields(
      item.id,
      { evaluateAt: '2026-12-31T01:00:00.000Z', executionArn: 'arn:two' },
      ['evaluateAt'],
    );
    expect(second.evaluateAt).toBe('2026-11-30T01:00:00.000Z');
    expect(second.executionArn).toBe('arn:two');
    const stored = await repo.getItem(item.id);
    expect(stored.evaluateAt).toBe('2026-11-30T01:00:00.000Z');
    expect(stored.executionArn).toBe('arn:two');
    expect(stored.status).toBe('submitted');
  });

  it('setFields refuses an item that does not exist', async () => {
    const id = uniqueId('c-ghost');
    await expect(repo.setFields(id, { executionArn: 'arn:x' })).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect(await repo.findItem(id)).toBeUndefined();
  });

  it('lists items newest first through the by-created index', async () => {
    const older = await newItem({ createdAt: '2000-01-01T00:00:00.000Z' });
    const newer = await newItem({ createdAt: '2999-01-01T00:00:00.000Z' });
    const { items } = await repo.listItems(100);
    const ids = items.map((i) => i.id);
    expect(ids[0]).toBe(newer.id);
    expect(ids.at(-1)).toBe(older.id);
  });
});

describe('items-repo writes for revisions, reschedules and overrides', () => {
  const revisionOf = (
    item: ContentItem,
    overrides: Partial<Parameters<typeof repo.saveRevision>[1]> = {},
  ) => ({
    fromRevision: item.revision,
    revision: item.revision + 1,
    title: 'Waspada DBD (revisi)',
    caption: 'Cegah DBD dengan 3M Plus, setiap minggu.',
    media: item.media,
    sources: item.sources,
    publishAt: item.publishAt,
    publishMonth: '2026-11',
    revisionHash: 'hash-r2',
    approvalDeadline: '2026-11-26T08:00:00+07:00',
    at: '2026-11-20T03:00:00.000Z',
    note: 'revision 2 by staff-1',
    entry: { revision: item.revision + 1, hash: 'hash-r2', at: '2026-11-20T03:00:00.000Z', by: 'staff-1' },
    ...overrides,
  });

  it('saveRevision saves one revision once, back to submitted with screening cleared', async () => {
    const item = await newItem({
      status: 'blocked',
      statusReason: 'screening found a phone number',
      screening: { reasons: ['a phone number'], revision: 1, at: '2026-11-20T02:00:00.000Z' },
      revisions: [{ revision: 1, hash: 'test', at: '2026-11-20T01:00:00.000Z', by: 'staff-1' }],
    });
    expect(await repo.saveRevision(item.id, revisionOf(item))).toBe(true);
    // A second staff member saving a revision of the same revision loses.
    expect(await repo.saveRevision(item.id, revisionOf(item, { title: 'Other' }))).toBe(false);
    const stored = await repo.getItem(item.id);
    expect(stored).toMatchObject({
      revision: 2,
      title: 'Waspada DBD (revisi)',
      status: 'submitted',
      statusRank: rankOf('submitted', 2),
      revisionHash: 'hash-r2',
      stages: { 'revised#r2': { at: '2026-11-20T03:00:00.000Z', note: 'revision 2 by staff-1' } },
    });
    expect(stored.revisions?.map((r) => r.revision)).toEqual([1, 2]);
    expect(stored).not.toHaveProperty('screening');
    expect(stored).not.toHaveProperty('statusReason');
  });

  it('saveRevision refuses an item that is not waiting for a revision', async () => {
    const item = await newItem({ status: 'awaiting-approval' });
    expect(await repo.saveRevision(item.id, revisionOf(item))).toBe(false);
    expect((await repo.getItem(item.id)).revision).toBe(1);
  });

  it('clearRevisionToken removes the token only at the revision named', async () => {
    const item = await newItem({ status: 'changes-requested', revisionToken: 'token-r1' });
    await expect(repo.clearRevisionToken(item.id, 2)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect((await repo.getItem(item.id)).revisionToken).toBe('token-r1');
    await repo.clearRevisionToken(item.id, 1);
    expect(await repo.getItem(item.id)).not.toHaveProperty('revisionToken');
  });

  it('reschedule moves the time only from the status and time read, and keeps every change', async () => {
    const item = await newItem({ status: 'scheduled' });
    const entry = {
      from: item.publishAt,
      to: '2026-11-28T01:00:00.000Z',
      at: '2026-11-20T03:00:00.000Z',
      by: 'staff-1',
    };
    expect(await repo.reschedule(item.id, item, entry, '2026-11')).toBe(true);
    // Read before the first change: its publish time is stale now.
    expect(
      await repo.reschedule(item.id, item, { ...entry, to: '2026-11-29T01:00:00.000Z' }, '2026-11'),
    ).toBe(false);
    const moved = await repo.getItem(item.id);
    expect(
      await repo.reschedule(
        item.id,
        moved,
        { ...entry, from: entry.to, to: '2026-11-30T01:00:00.000Z' },
        '2026-11',
      ),
    ).toBe(true);
    const stored = await repo.getItem(item.id);
    expect(stored.publishAt).toBe('2026-11-30T01:00:00.000Z');
    expect(stored.publishMonth).toBe('2026-11');
    expect(stored.reschedules?.map((r) => r.to)).toEqual([
      '2026-11-28T01:00:00.000Z',
      '2026-11-30T01:00:00.000Z',
    ]);
  });

  it('saveScreeningOverride writes only while the item is blocked at that revision', async () => {
    const item = await newItem({ status: 'blocked' });
    const override = {
      by: 'supervisor@dinkes.example.go.id',
      at: '2026-11-20T03:00:00.000Z',
      justification: 'The number is the public 119 hotline, not a private phone.',
      revision: 1,
      reasons: ['a phone number'],
    };
    expect(
      await repo.saveScreeningOverride(item.id, { ...override, revision: 2 }, '2026-11-22T03:00:00.000Z'),
    ).toBe(false);
    expect(await repo.saveScreeningOverride(item.id, override, '2026-11-22T03:00:00.000Z')).toBe(true);
    expect(await repo.getItem(item.id)).toMatchObject({
      screeningOverride: override,
      approvalDeadline: '2026-11-22T03:00:00.000Z',
    });
    const open = await newItem({ status: 'awaiting-approval' });
    expect(await repo.saveScreeningOverride(open.id, override, '2026-11-22T03:00:00.000Z')).toBe(false);
  });
});
