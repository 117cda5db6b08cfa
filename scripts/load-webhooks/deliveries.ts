import { createHmac, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LocalRuntime } from '../../local/runtime';

/**
 * The load test's events: citizens' comments from the labelled fixture, as signed Instagram and X webhook
 * deliveries, and the order they go out in (redeliveries after their originals).
 */

export const fixtureLine = z.object({ text: z.string().min(1), urgent: z.boolean().optional() });
export type FixtureLine = z.infer<typeof fixtureLine>;

export const loadTexts = async (): Promise<FixtureLine[]> => {
  const content = await readFile(
    new URL('../../test/fixtures/feedback-id.dev.jsonl', import.meta.url),
    'utf8',
  );
  return content
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => fixtureLine.parse(JSON.parse(l)));
};

const HANDLES = [
  'warga_bandung',
  'ibu.rina.s',
  'kang_asep88',
  'teh_euis',
  'dedi.kurniawan',
  'nurul_hikmah',
  'rizky.pratama',
  'siti_aminah',
  'agus_cimahi',
  'dewi.lestari',
  'bapak_yayan',
  'neng_ratna',
];

export interface Delivery {
  readonly index: number;
  readonly platform: 'instagram' | 'x';
  readonly platformId: string;
  readonly urgent: boolean;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** X's created_at format: "Wed Oct 10 20:19:24 +0000 2018". */
const xDate = (d: Date): string => {
  const [wd, dd, mon, yyyy, time] = d.toUTCString().replace(',', '').split(' ');
  return `${wd} ${mon} ${dd} ${time} +0000 ${yyyy}`;
};

export const digits = (n: number): string => Array.from({ length: n }, () => randomInt(0, 10)).join('');

/** The signature header X puts on an Account Activity delivery: base64 HMAC-SHA256 with the consumer secret. */
const xSigned = (body: Buffer, rt: LocalRuntime): Record<string, string> => ({
  'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', rt.settings.X_CONSUMER_SECRET).update(body).digest('base64')}`,
});

/** One unique comment, in the shape and with the signature its platform would send. */
export const makeDelivery = (
  index: number,
  platform: 'instagram' | 'x',
  line: FixtureLine,
  run: string,
  rt: LocalRuntime,
): Delivery => {
  const handle = `${HANDLES[index % HANDLES.length]}${index % 7 === 0 ? '' : index % 100}`;
  const now = new Date();
  if (platform === 'instagram') {
    // Instagram comment ids are 17–18 digits; the run prefix keeps them unique across runs.
    const platformId = `18${run}${String(index).padStart(6, '0')}`;
    const value: Record<string, unknown> = {
      from: { id: `17${digits(15)}`, username: handle },
      media: { id: `17${run}${String(index % 40).padStart(6, '0')}`, media_product_type: 'FEED' },
      id: platformId,
      text: line.text,
    };
    // Some are replies in a comment thread.
    if (index % 9 === 4) value.parent_id = `18${run}${String(index - 1).padStart(6, '0')}`;
    const body = Buffer.from(
      JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: rt.settings.INSTAGRAM_USER_ID,
            time: Math.floor(now.getTime() / 1000),
            changes: [{ field: 'comments', value }],
          },
        ],
      }),
    );
    const sig = createHmac('sha256', rt.settings.META_APP_SECRET).update(body).digest('hex');
    return {
      index,
      platform,
      platformId,
      urgent: Boolean(line.urgent),
      path: '/webhooks/instagram',
      headers: { 'x-hub-signature-256': `sha256=${sig}` },
      body,
    };
  }
  const platformId = `18${run}${digits(2)}${String(index).padStart(6, '0')}`;
  const reply = index % 3 === 1;
  const body = Buffer.from(
    JSON.stringify({
      for_user_id: rt.settings.X_USER_ID,
      tweet_create_events: [
        {
          created_at: xDate(now),
          id: Number(platformId),
          id_str: platformId,
          text: reply ? line.text : `@dinkeskotabdg ${line.text}`,
          source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter for Android</a>',
          truncated: false,
          in_reply_to_status_id: null,
          in_reply_to_status_id_str: reply
            ? `17${run}${digits(2)}${String(index % 40).padStart(6, '0')}`
            : null,
          in_reply_to_user_id_str: reply ? rt.settings.X_USER_ID : null,
          in_reply_to_screen_name: reply ? 'dinkeskotabdg' : null,
          user: { id: 0, id_str: `14${digits(17)}`, name: handle, screen_name: handle },
          lang: 'in',
          timestamp_ms: String(now.getTime()),
        },
      ],
    }),
  );
  return {
    index,
    platform,
    platformId,
    urgent: Boolean(line.urgent),
    path: '/webhooks/x',
    headers: xSigned(body, rt),
    body,
  };
};

/**
 * The sending order: every unique event once, in order, and each redelivery somewhere after its
 * original — mostly soon after (often while the original is still in flight), sometimes much later.
 */
export const schedule = (unique: number, redeliveries: number): { event: number; redelivery: boolean }[] => {
  const keyed = Array.from({ length: unique }, (_, i) => ({ key: i, event: i, redelivery: false }));
  for (let r = 0; r < redeliveries; r++) {
    const event = randomInt(0, unique);
    const u = Math.random();
    keyed.push({ key: event + 0.5 + u * u * (unique - event), event, redelivery: true });
  }
  return keyed.sort((a, b) => a.key - b.key).map(({ event, redelivery }) => ({ event, redelivery }));
};

/**
 * A direct message to the office's X account, as Account Activity delivers it. Sebar archives it and stores
 * nothing (direct messages are not taken into the inbox), but the delivery is still a request, an invocation
 * and an archive write: the cost run sends some.
 */
export const makeDirectMessage = (
  index: number,
  line: FixtureLine,
  run: string,
  rt: LocalRuntime,
): Delivery => {
  const platformId = `19${run}${String(index).padStart(6, '0')}`;
  const body = Buffer.from(
    JSON.stringify({
      for_user_id: rt.settings.X_USER_ID,
      direct_message_events: [
        {
          type: 'message_create',
          id: platformId,
          created_timestamp: String(Date.now()),
          message_create: {
            target: { recipient_id: rt.settings.X_USER_ID },
            sender_id: `14${digits(17)}`,
            message_data: {
              text: line.text,
              entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
            },
          },
        },
      ],
    }),
  );
  return {
    index,
    platform: 'x',
    platformId,
    urgent: false,
    path: '/webhooks/x',
    headers: xSigned(body, rt),
    body,
  };
};
