import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfLine, METRICS, putMetric } from '../../functions/common/metrics';
import { tokenDaysLeft } from '../../functions/domain/publishing/accounts';
import {
  type PublishFailure,
  type PublishFailureDeps,
  publishFailureText,
  reportPublishFailure,
} from '../../functions/domain/publishing/publish-failure';
import type { Email } from '../../functions/domain/support/mime';

const failure = (over: Partial<PublishFailure> = {}): PublishFailure => ({
  itemId: 'itm_01',
  title: 'Waspada DBD musim hujan',
  publishAt: '2026-12-28T02:00:00.000Z',
  failed: [
    {
      platform: 'instagram',
      reason: 'PlatformRejectedError: Instagram says the access token is invalid or expired (code 190)',
    },
  ],
  published: [{ platform: 'x', url: 'https://x.com/dinkes/status/123' }],
  ...over,
});

/** Fakes: an outbox and a metric sink that keep what they were given. */
const fakes = (send: (e: Email) => Promise<string> = async () => 'msg-1') => {
  const sent: Email[] = [];
  const metrics: { name: string; value: number; dimensions: Record<string, string> }[] = [];
  const deps: PublishFailureDeps = {
    sendEmail: async (e) => {
      sent.push(e);
      return send(e);
    },
    putMetric: (name, value, dimensions) => {
      metrics.push({ name, value, dimensions });
    },
    from: 'humas@dinkes.example.go.id',
    staffEmail: 'tim.humas@dinkes.example.go.id',
    timeZone: 'Asia/Jakarta',
  };
  return { deps, sent, metrics };
};

describe('the publish failure email', () => {
  it('says in Indonesian what failed, why, when it was due (WIB), where it did go out and what to do', () => {
    const { subject, text } = publishFailureText(failure(), 'Asia/Jakarta');
    expect(subject).toBe('[Sebar] Gagal terbit di Instagram: Waspada DBD musim hujan');
    expect(text).toContain('Konten "Waspada DBD musim hujan" GAGAL TERBIT di Instagram.');
    // 02:00 UTC is 09:00 WIB.
    expect(text).toContain('Jadwal terbit: Senin, 28 Desember 2026 pukul 09.00 WIB');
    expect(text).toContain('Token akun tidak berlaku atau sudah berakhir.');
    expect(text).toContain(
      'Alasan dari platform: PlatformRejectedError: Instagram says the access token is invalid or expired (code 190)',
    );
    expect(text).toContain('Sudah terbit di:\n  - X: https://x.com/dinkes/status/123');
    expect(text).toContain('POST /platforms/check');
    expect(text).toContain('ID konten: itm_01');
  });

  it('says when nothing went out anywhere, and names both platforms', () => {
    const { subject, text } = publishFailureText(
      failure({
        failed: [
          { platform: 'instagram', reason: 'PlatformRejectedError: Instagram could not process the media' },
          { platform: 'x', reason: 'PlatformRejectedError: X could not process the media' },
        ],
        published: [],
      }),
      'Asia/Jakarta',
    );
    expect(subject).toBe('[Sebar] Gagal terbit di Instagram dan X: Waspada DBD musim hujan');
    expect(text).toContain('tidak terbit di platform mana pun; statusnya sekarang Gagal');
    expect(text).toContain('Platform tidak bisa memproses gambarnya.');
    expect(text).not.toContain('Sudah terbit di');
    expect(text).not.toContain('Token akun');
  });

  it('is sent to the staff address, counted once per failed platform, with the alert header', async () => {
    const { deps, sent, metrics } = fakes();
    const out = await reportPublishFailure(
      failure({
        failed: [
          { platform: 'instagram', reason: 'PlatformRejectedError: refused' },
          { platform: 'x', reason: 'PlatformRejectedError: refused' },
        ],
        published: [],
      }),
      deps,
    );
    expect(out).toEqual({ emailed: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(['tim.humas@dinkes.example.go.id']);
    expect(sent[0]?.from).toBe('humas@dinkes.example.go.id');
    expect(sent[0]?.headers).toMatchObject({ 'X-Sebar-Alert': 'publish-failed', 'X-Sebar-Item': 'itm_01' });
    expect(sent[0]?.html).toContain('GAGAL TERBIT');
    expect(metrics).toEqual([
      { name: 'PublishFailed', value: 1, dimensions: { Platform: 'instagram' } },
      { name: 'PublishFailed', value: 1, dimensions: { Platform: 'x' } },
    ]);
  });

  it('escapes the title in the HTML part', async () => {
    const { deps, sent } = fakes();
    await reportPublishFailure(failure({ title: 'Vaksin <b>gratis</b> & aman' }), deps);
    expect(sent[0]?.html).toContain('Vaksin &lt;b&gt;gratis&lt;/b&gt; &amp; aman');
    expect(sent[0]?.html).not.toContain('<b>gratis');
  });

  it('does not throw when the mail service is down (the status is recorded; the alarm still fires)', async () => {
    const { deps, metrics } = fakes(async () => {
      throw new Error('SES is unavailable');
    });
    process.env.SEBAR_SILENT_LOGS = 'true';
    await expect(reportPublishFailure(failure(), deps)).resolves.toEqual({ emailed: false });
    expect(metrics).toHaveLength(1);
  });

  it('sends nothing and counts nothing when no platform failed', async () => {
    const { deps, sent, metrics } = fakes();
    expect(await reportPublishFailure(failure({ failed: [] }), deps)).toEqual({ emailed: false });
    expect(sent).toHaveLength(0);
    expect(metrics).toHaveLength(0);
  });
});

describe('embedded metric format lines', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.SEBAR_SILENT_LOGS;
  });

  it('carry the value, the dimension and the CloudWatch directive in the Sebar namespace', () => {
    const at = new Date('2026-12-28T02:00:00.000Z');
    const doc = JSON.parse(emfLine('PublishFailed', 1, { Platform: 'x' }, at, { itemId: 'itm_01' }));
    expect(doc).toEqual({
      itemId: 'itm_01',
      Platform: 'x',
      PublishFailed: 1,
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'Sebar',
            Dimensions: [['Platform']],
            Metrics: [{ Name: 'PublishFailed', Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('cannot have the value or a dimension overwritten by a property', () => {
    const doc = JSON.parse(
      emfLine('TokenDaysLeft', 12, { Platform: 'instagram' }, new Date(), {
        TokenDaysLeft: 99,
        Platform: 'x',
      }),
    );
    expect(doc.TokenDaysLeft).toBe(12);
    expect(doc.Platform).toBe('instagram');
    expect(doc._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'TokenDaysLeft', Unit: METRICS.TokenDaysLeft.unit },
    ]);
  });

  it('are written as one line on stdout, starting with the JSON object', () => {
    delete process.env.SEBAR_SILENT_LOGS;
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    putMetric('Published', 1, { Platform: 'instagram' });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\{.*\}\n$/);
    expect(JSON.parse(writes[0] ?? '').Published).toBe(1);
  });
});

describe('the days a token has left, as the metric carries them', () => {
  const status = { platform: 'instagram' as const, refreshed: false, checkedAt: '2026-12-28T00:00:00.000Z' };
  it('is 0 for a refused token, the days for a known expiry, and nothing for a token that does not expire', () => {
    expect(tokenDaysLeft({ ...status, ok: false, problem: 'expired' })).toBe(0);
    expect(tokenDaysLeft({ ...status, ok: true, daysLeft: 12 })).toBe(12);
    expect(tokenDaysLeft({ ...status, ok: true, daysLeft: -2 })).toBe(0);
    expect(tokenDaysLeft({ ...status, platform: 'x', ok: true, auth: 'oauth1' })).toBeUndefined();
  });
});
