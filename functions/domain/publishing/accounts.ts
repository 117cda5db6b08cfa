import { audit, latestAuditEntry } from '../../adapters/audit-repo';
import { instagram } from '../../adapters/instagram-client';
import { listItems } from '../../adapters/items-repo';
import { sendEmail } from '../../adapters/mailer';
import { x, xAuthMode } from '../../adapters/x-client';
import { config } from '../../common/config';
import { log } from '../../common/logger';
import { putMetric } from '../../common/metrics';
import { findSecret, updateSecrets } from '../../common/secrets';
import type { ContentItem } from '../content/content';
import type { Platform } from '../content/platforms';
import { isFinal } from '../content/statuses';
import { platformName } from '../support/display-names';
import { escapeHtml } from '../support/html';
import { formatLocal } from '../support/time';

/**
 * The platform accounts' health, checked every morning: the Instagram long-lived token is refreshed well
 * before its 60 days run out, both tokens are tried against the platform, and staff are warned by email
 * days before a scheduled publish would fail, with the items at risk listed. An expired token found at
 * publish time is what the office must never discover.
 */

export interface AccountStatus {
  readonly platform: Platform;
  readonly ok: boolean;
  readonly account?: string;
  readonly expiresAt?: string;
  readonly daysLeft?: number;
  readonly refreshed: boolean;
  readonly problem?: string;
  readonly checkedAt: string;
  /** X only: OAuth 1.0a (console credentials, no expiry) or an OAuth 2.0 bearer token. */
  readonly auth?: 'oauth1' | 'bearer';
}

export interface AccountCheck {
  readonly accounts: AccountStatus[];
  /** Items still to publish on a platform whose token is invalid or about to expire. */
  readonly atRisk: {
    itemId: string;
    title: string;
    platform: Platform;
    publishAt: string;
    afterExpiry: boolean;
  }[];
  readonly warned: boolean;
}

const DAY = 86_400_000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const daysBetween = (from: Date, toIso: string) => Math.floor((Date.parse(toIso) - from.getTime()) / DAY);

const checkInstagram = async (now: Date): Promise<AccountStatus> => {
  const cfg = config();
  const checkedAt = now.toISOString();
  let expiresAt = await findSecret('INSTAGRAM_TOKEN_EXPIRES_AT');
  let refreshed = false;
  let refreshProblem: string | undefined;
  // Unknown expiry counts as due: the refresh answer tells us the new one.
  if (!expiresAt || daysBetween(now, expiresAt) < cfg.TOKEN_REFRESH_DAYS_LEFT) {
    try {
      const next = await instagram.refreshToken();
      await updateSecrets({ INSTAGRAM_ACCESS_TOKEN: next.token, INSTAGRAM_TOKEN_EXPIRES_AT: next.expiresAt });
      expiresAt = next.expiresAt;
      refreshed = true;
      await audit({
        itemId: 'account#instagram',
        action: 'token.refreshed',
        actor: 'sebar',
        detail: { expiresAt },
      });
    } catch (error) {
      refreshProblem = `refresh failed: ${message(error)}`;
      log.warn('instagram token refresh failed', { error });
    }
  }
  try {
    const me = await instagram.whoAmI();
    return {
      platform: 'instagram',
      ok: true,
      account: me.username ?? me.id,
      expiresAt,
      daysLeft: expiresAt ? daysBetween(now, expiresAt) : undefined,
      refreshed,
      problem: refreshProblem,
      checkedAt,
    };
  } catch (error) {
    return { platform: 'instagram', ok: false, expiresAt, refreshed, problem: message(error), checkedAt };
  }
};

const checkX = async (now: Date): Promise<AccountStatus> => {
  const checkedAt = now.toISOString();
  let auth: AccountStatus['auth'];
  try {
    auth = await xAuthMode();
    const me = await x.whoAmI();
    return { platform: 'x', ok: true, account: me.username ?? me.id, refreshed: false, checkedAt, auth };
  } catch (error) {
    return {
      platform: 'x',
      ok: false,
      refreshed: false,
      problem: message(error),
      checkedAt,
      ...(auth ? { auth } : {}),
    };
  }
};

const upcomingItems = async (now: Date): Promise<ContentItem[]> => {
  const out: ContentItem[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await listItems(100, cursor);
    out.push(...page.items.filter((i) => !isFinal(i.status) && Date.parse(i.publishAt) > now.getTime()));
    cursor = page.next;
  } while (cursor);
  return out;
};

/**
 * The days a token has left, as the TokenDaysLeft metric carries it: 0 for a token the platform refused
 * (publishing fails today), nothing for a working token that does not expire (X with OAuth 1.0a).
 */
export const tokenDaysLeft = (a: AccountStatus): number | undefined =>
  !a.ok ? 0 : a.daysLeft === undefined ? undefined : Math.max(0, a.daysLeft);

const needsWarning = (a: AccountStatus, warningDays: number) =>
  !a.ok || (a.daysLeft !== undefined && a.daysLeft <= warningDays);

const warningEmail = async (check: AccountCheck, warningDays: number) => {
  const cfg = config();
  const tz = cfg.DISPLAY_TIME_ZONE;
  const name = platformName;
  const lines: string[] = ['Sebar memeriksa akun media sosial kantor dan menemukan masalah:', ''];
  for (const a of check.accounts.filter((a) => needsWarning(a, warningDays))) {
    lines.push(
      a.ok
        ? `- ${name(a.platform)}: token berakhir ${formatLocal(a.expiresAt ?? '', tz)} (${a.daysLeft} hari lagi) dan belum bisa diperbarui otomatis${a.problem ? ` (${a.problem})` : ''}.`
        : `- ${name(a.platform)}: token tidak berlaku: ${a.problem ?? 'tanpa keterangan'}.`,
    );
  }
  lines.push('');
  if (check.atRisk.length) {
    lines.push('Konten terjadwal yang akan gagal terbit bila token tidak diganti:');
    for (const r of check.atRisk)
      lines.push(
        `- ${formatLocal(r.publishAt, tz)} · ${name(r.platform)} · ${r.title} (${r.itemId})${r.afterExpiry ? ' — setelah token berakhir' : ''}`,
      );
  } else
    lines.push('Belum ada konten terjadwal untuk platform ini, tetapi konten berikutnya akan gagal terbit.');
  lines.push(
    '',
    'Perbarui token di pengaturan rahasia (Secrets Manager) lalu jalankan: POST /platforms/check',
  );
  const text = lines.join('\n');
  const problems = check.accounts.filter((a) => needsWarning(a, warningDays)).map((a) => name(a.platform));
  await sendEmail({
    from: cfg.MAIL_FROM,
    to: [cfg.STAFF_EMAIL],
    subject: `[Sebar] Periksa akun ${problems.join(' dan ')} sebelum jadwal terbit`,
    text,
    html: `<pre style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</pre>`,
    headers: { 'X-Sebar-Alert': 'platform-accounts' },
  });
};

/** Refreshes what is due, tries both tokens, records the result and warns staff when publishing is at risk. */
export const checkAccounts = async (now = new Date()): Promise<AccountCheck> => {
  const cfg = config();
  const accounts = [await checkInstagram(now), await checkX(now)];
  const troubled = accounts.filter((a) => needsWarning(a, cfg.TOKEN_WARNING_DAYS));
  const atRisk: AccountCheck['atRisk'] = [];
  if (troubled.length) {
    for (const item of await upcomingItems(now)) {
      for (const a of troubled) {
        if (!item.platforms.includes(a.platform)) continue;
        atRisk.push({
          itemId: item.id,
          title: item.title,
          platform: a.platform,
          publishAt: item.publishAt,
          afterExpiry: !a.ok || (a.expiresAt !== undefined && item.publishAt >= a.expiresAt),
        });
      }
    }
    atRisk.sort((p, q) => p.publishAt.localeCompare(q.publishAt));
  }
  for (const a of accounts) {
    const daysLeft = tokenDaysLeft(a);
    if (daysLeft !== undefined) putMetric('TokenDaysLeft', daysLeft, { Platform: a.platform });
  }
  const result: AccountCheck = { accounts, atRisk, warned: troubled.length > 0 };
  if (result.warned) await warningEmail(result, cfg.TOKEN_WARNING_DAYS);
  for (const a of accounts) {
    await audit({
      itemId: `account#${a.platform}`,
      action: 'account.checked',
      actor: 'sebar',
      detail: { ...a },
    });
  }
  return result;
};

/** The last recorded check per platform (what `GET /platforms` shows). */
export const lastAccountStatus = async (): Promise<AccountStatus[]> => {
  const out: AccountStatus[] = [];
  for (const platform of ['instagram', 'x'] as const) {
    const last = (await latestAuditEntry(`account#${platform}`, 'account.checked'))?.detail as
      | AccountStatus
      | undefined;
    if (last) out.push(last);
  }
  return out;
};
