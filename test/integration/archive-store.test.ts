import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

/**
 * The archive adapter against the real local S3: a record is written once (the same bytes again are a
 * no-op, other bytes are refused and the stored record stays), and a day's listing reaches past one page
 * (the local S3 cannot page ListObjectsV2, so the adapter pages ListObjects by the last key).
 */
let aws: LocalAws;
let store: typeof import('../../functions/adapters/archive-store');

beforeAll(async () => {
  aws = await startLocalAws();
  store = await import('../../functions/adapters/archive-store');
});
afterAll(async () => {
  await aws?.stop();
});

describe('the archive store', () => {
  it('never overwrites a record', async () => {
    const key = 'records/2026/12/02/reply/x-1-2.json';
    expect(await store.putRecordOnce(key, '{"text":"Terima kasih"}\n')).toBe(true);
    expect(await store.putRecordOnce(key, '{"text":"Terima kasih"}\n')).toBe(false);
    await expect(store.putRecordOnce(key, '{"text":"diubah"}\n')).rejects.toBeInstanceOf(
      store.RecordExistsError,
    );
    expect((await store.getRecordBytes(key))?.toString()).toBe('{"text":"Terima kasih"}\n');
    expect(await store.getRecordBytes('records/2026/12/02/reply/none.json')).toBeUndefined();
  });

  it('lists every key of a day, past the first page of 1,000', async () => {
    const prefix = 'records/2026/11/30/decision/';
    const ids = Array.from({ length: 1005 }, (_, i) => `${prefix}d-${String(i).padStart(4, '0')}.json`);
    for (let i = 0; i < ids.length; i += 50)
      await Promise.all(ids.slice(i, i + 50).map((k) => store.putRecordOnce(k, `{"k":"${k}"}\n`)));
    const listed = await store.listRecordKeys('records/2026/11/30/');
    expect(listed).toEqual([...ids].sort());
    expect(await store.listRecordKeys('records/2026/11/29/')).toEqual([]);
  }, 120_000);
});
