import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

let aws: LocalAws;
let repo: typeof import('../../functions/adapters/settings-repo');

beforeAll(async () => {
  aws = await startLocalAws();
  repo = await import('../../functions/adapters/settings-repo');
});

afterAll(async () => {
  await aws?.stop();
});

const save = (days: string[], version: number, by: string) => ({
  id: 'leave-days' as const,
  days,
  version,
  updatedAt: '2026-12-01T01:00:00.000Z',
  updatedBy: by,
});

describe('settings-repo against a real local DynamoDB', () => {
  it('starts with no leave days, and of two saves from the same version only one lands', async () => {
    expect(await repo.getLeaveDaysRecord()).toEqual({ id: 'leave-days', days: [], version: 0 });
    const [a, b] = await Promise.all([
      repo.replaceLeaveDays(save(['2026-12-24'], 1, 'a@dinkes'), 0),
      repo.replaceLeaveDays(save(['2026-12-31'], 1, 'b@dinkes'), 0),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const stored = await repo.getLeaveDaysRecord();
    expect(stored.version).toBe(1);
    expect(stored.days).toEqual(a ? ['2026-12-24'] : ['2026-12-31']);

    // A save from version 0 again (a stale page) is refused; one from version 1 lands.
    expect(await repo.replaceLeaveDays(save([], 1, 'c@dinkes'), 0)).toBe(false);
    expect(await repo.replaceLeaveDays(save(['2027-03-11'], 2, 'c@dinkes'), 1)).toBe(true);
    expect(await repo.getLeaveDaysRecord()).toMatchObject({
      days: ['2027-03-11'],
      version: 2,
      updatedBy: 'c@dinkes',
    });
    expect(await repo.replaceLeaveDays(save([], 2, 'd@dinkes'), 1)).toBe(false);
  });
});
