import { createHash, createHmac } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  instagramCommentBody,
  metaSignature,
  outboxEmails,
  postInstagramWebhook,
  sampleItem,
  staff,
  waitFor,
  waitForApprovalLink,
  waitForProcessedFeedback,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const { rt } = useRuntime();
let sfn: SFNClient;
let ddb: DynamoDBClient;
let s3: S3Client;

const X_SECRET = 'sebar-local-x-consumer-secret';

const feedbackRecords = async () =>
  (await ddb.send(new ScanCommand({ TableName: 'sebar-feedback' }))).Items ?? [];

beforeAll(async () => {
  const common = { region: 'ap-southeast-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  sfn = new SFNClient({ ...common, endpoint: rt.endpoints.stepfunctions });
  ddb = new DynamoDBClient({ ...common, endpoint: rt.endpoints.dynamodb });
  s3 = new S3Client({ endpoint: rt.endpoints.s3, forcePathStyle: true });
});
afterAll(async () => {
  s3?.destroy();
  sfn?.destroy();
  ddb?.destroy();
});

describe('webhook intake', () => {
  it('answers the Instagram handshake only for the verify token, and the X CRC with the HMAC', async () => {
    const base = `${rt.endpoints.gateway}/webhooks`;
    const ok = await fetch(
      `${base}/instagram?hub.mode=subscribe&hub.verify_token=sebar-local-verify-token&hub.challenge=12345`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    const wrong = await fetch(
      `${base}/instagram?hub.mode=subscribe&hub.verify_token=nope-nope&hub.challenge=12345`,
    );
    expect(wrong.status).toBe(403);
    const crc = await fetch(`${base}/x?crc_token=abc123`);
    expect(await crc.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', X_SECRET).update('abc123').digest('base64')}`,
    });
  });

  it('a citizen comment on a published item arrives once, linked to the item, even when redelivered', async () => {
    const api = staff(rt);
    const id = String(
      (await api.request('/content', { method: 'POST', body: JSON.stringify(await sampleItem()) })).body.id,
    );
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const item = await waitFor('publication', async () => {
      const b = (await api.request(`/content/${id}`)).body;
      return ['published', 'evaluated'].includes(String(b.status)) ? b : undefined;
    });
    const ig = (item.publications as { platform: string; postId: string }[]).find(
      (p) => p.platform === 'instagram',
    );
    const x = (item.publications as { platform: string; postId: string }[]).find((p) => p.platform === 'x');
    for (const [platform, postId] of [
      ['instagram', ig?.postId],
      ['x', x?.postId],
    ]) {
      const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
        method: 'POST',
        body: JSON.stringify({
          platform,
          postId,
          text: 'min, antri dari jam 7 blm dipanggil',
          deliveries: 2,
        }),
      });
      expect(r.status).toBe(201);
      const body = (await r.json()) as { deliveries: number[]; comment: { id: string } };
      expect(body.deliveries).toEqual([200, 200]);
      await waitForProcessedFeedback(rt, `${platform}-${body.comment.id}`);
    }
    const mine = (await feedbackRecords()).filter((f) => f.itemId?.S === id);
    expect(mine.map((f) => f.platform?.S).sort()).toEqual(['instagram', 'x']);
    expect(mine.every((f) => f.text?.S === 'min, antri dari jam 7 blm dipanggil')).toBe(true);
    expect(mine.map((f) => [f.label?.S, f.category?.S])).toEqual([
      ['complaint', 'waiting_time'],
      ['complaint', 'waiting_time'],
    ]);
  });

  it('emails an urgent message once when the platform delivers it twice at the same moment', async () => {
    const commentId = `9${Date.now()}`;
    const body = instagramCommentBody({
      id: commentId,
      text: 'tolong min ada warga pingsan di depan puskesmas, kejang-kejang',
      author: 'warga_cibiru',
      fromId: '555',
      time: Math.floor(Date.now() / 1000),
    });
    const signature = metaSignature(body);
    const deliver = () => postInstagramWebhook(rt, body, signature);
    const statuses = (await Promise.all([deliver(), deliver(), deliver()])).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200]);
    await waitFor(
      'the urgent notice',
      async () => (await outboxEmails(rt, `X-Sebar-Feedback: instagram-${commentId}`)).length > 0,
    );
    // Give a second (wrong) email every chance to land before counting.
    await new Promise((r) => setTimeout(r, 500));
    expect(await outboxEmails(rt, `X-Sebar-Feedback: instagram-${commentId}`)).toHaveLength(1);
  });

  it('stores out-of-order deliveries and their late redeliveries once each, with the times the platform gave', async () => {
    const base = Date.now();
    const delivery = (id: string, text: string, secondsAgo: number) =>
      instagramCommentBody({
        id,
        text,
        author: 'warga_sukajadi',
        fromId: '77',
        time: Math.floor(base / 1000) - secondsAgo,
      });
    const older = delivery(`7${base}1`, 'Vaksin HPV untuk kelas 5 SD kapan jadwalnya?', 600);
    const newer = delivery(`7${base}2`, 'Di puskesmas Sukajadi sudah ada belum?', 60);
    const send = (body: string) => postInstagramWebhook(rt, body);
    // The newer comment first, the older one after it, then both again in the wrong order.
    for (const body of [newer, older, newer, older]) expect((await send(body)).status).toBe(200);
    const ids = [`instagram-7${base}1`, `instagram-7${base}2`];
    for (const id of ids) await waitForProcessedFeedback(rt, id);
    const mine = (await feedbackRecords()).filter((f) => ids.includes(String(f.id?.S)));
    expect(mine.map((f) => f.id?.S).sort()).toEqual(ids);
    const createdAt = Object.fromEntries(mine.map((f) => [f.id?.S, f.createdAt?.S]));
    expect(createdAt[ids[0] ?? '']).toBe(new Date((Math.floor(base / 1000) - 600) * 1000).toISOString());
    expect(Date.parse(String(createdAt[ids[0] ?? '']))).toBeLessThan(
      Date.parse(String(createdAt[ids[1] ?? ''])),
    );
  });

  it('refuses unsigned, wrongly signed, malformed and unknown deliveries and stores nothing', async () => {
    const before = (await feedbackRecords()).length;
    const url = `${rt.endpoints.gateway}/webhooks/instagram`;
    const body = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: '1',
          time: 1,
          changes: [{ field: 'comments', value: { id: '999', text: 'halo', media: { id: '1' } } }],
        },
      ],
    });
    const sign = metaSignature;
    const post = (b: string, signature?: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body: b,
      });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, sign(`${body} `))).status).toBe(401);
    expect((await post('{not json', sign('{not json'))).status).toBe(400);
    const unknown = JSON.stringify({ object: 'page', entry: [] });
    expect((await post(unknown, sign(unknown))).status).toBe(400);
    const big = JSON.stringify({ object: 'instagram', pad: 'x'.repeat(1024 * 1024) });
    expect((await post(big, sign(big))).status).toBe(413);
    expect((await feedbackRecords()).length).toBe(before);
  });
});

/** The archived raw body of a delivery, read back from the bucket (keyed by date and hash). */
const archived = async (platform: string, body: string): Promise<string | undefined> => {
  const hash = createHash('sha256').update(body).digest('hex');
  for (const day of [new Date(), new Date(Date.now() - 86_400_000)]) {
    const Key = `webhooks/${platform}/${day.toISOString().slice(0, 10)}/${hash}.json`;
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: rt.bucket, Key }));
      return await out.Body?.transformToString();
    } catch {
      // Not under this day's prefix (or not archived at all).
    }
  }
  return undefined;
};

const sendX = (
  body: string,
  signature = `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`,
) =>
  fetch(`${rt.endpoints.gateway}/webhooks/x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
    body,
  });

describe('webhook deliveries Sebar does not act on', () => {
  it('answers signed deliveries of ignored event types 200, archives them, and stores nothing', async () => {
    const before = (await feedbackRecords()).length;
    const inboxBefore = (await staff(rt).request('/feedback?limit=200')).body.feedback;
    const x = JSON.stringify({
      for_user_id: '1500000000000000001',
      favorite_events: [{ id: `f${Date.now()}`, favorited_status: { id_str: '1' } }],
      follow_events: [{ type: 'follow', created_timestamp: String(Date.now()) }],
    });
    const r = await sendX(x);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ received: true, stored: 0, ignored: true });
    expect(await archived('x', x)).toBe(x);

    const ig = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: '1',
          time: Math.floor(Date.now() / 1000),
          changes: [{ field: 'story_insights', value: { reach: 4 } }],
        },
      ],
    });
    const igResponse = await postInstagramWebhook(rt, ig);
    expect(igResponse.status).toBe(200);
    expect(await archived('instagram', ig)).toBe(ig);

    // A wrong signature on the same body is still refused, and nothing more is archived or stored.
    const forged = JSON.stringify({ for_user_id: '1500000000000000001', follow_events: [{ n: Date.now() }] });
    expect((await sendX(forged, 'sha256=AAAA')).status).toBe(401);
    expect(await archived('x', forged)).toBeUndefined();
    expect((await feedbackRecords()).length).toBe(before);
    expect((await staff(rt).request('/feedback?limit=200')).body.feedback).toEqual(inboxBefore);
  });

  it('marks a reply its author deleted on X as deleted, keeps it and its payload, and leaves it out of the open inbox', async () => {
    const tweetId = `16${Date.now()}`;
    const create = JSON.stringify({
      for_user_id: '1500000000000000001',
      tweet_create_events: [
        {
          id_str: tweetId,
          text: 'jadwal posyandu bulan ini kapan ya?',
          created_at: new Date().toUTCString(),
          in_reply_to_status_id_str: '1',
          user: { id_str: '4242', screen_name: 'warga_antapani' },
        },
      ],
    });
    expect((await sendX(create)).status).toBe(200);
    const id = `x-${tweetId}`;
    await waitForProcessedFeedback(rt, id);
    const api = staff(rt);
    const openIds = async () =>
      (
        (await api.request('/feedback?status=open&limit=200')).body.feedback as { id: string }[] | undefined
      )?.map((f) => f.id) ?? [];
    expect(await openIds()).toContain(id);

    // A deletion naming another author changes nothing; the author's own deletion marks the record.
    const deletion = (userId: string) =>
      JSON.stringify({
        for_user_id: '1500000000000000001',
        tweet_delete_events: [{ status: { id: tweetId, user_id: userId }, timestamp_ms: String(Date.now()) }],
      });
    const wrong = await sendX(deletion('9999'));
    expect(await wrong.json()).toMatchObject({ deleted: 0 });
    const del = deletion('4242');
    const r = await sendX(del);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ received: true, deleted: 1 });

    const record = (await api.request(`/feedback/${id}`)).body;
    expect(record.deletedAt).toEqual(expect.any(String));
    expect(record.text).toBe('jadwal posyandu bulan ini kapan ya?');
    expect(await archived('x', create)).toBe(create);
    expect(await archived('x', del)).toBe(del);
    expect(await openIds()).not.toContain(id);
    const reply = await api.request(`/feedback/${id}/reply`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Setiap Selasa, kak.' }),
    });
    expect(reply.status).toBe(409);
    // A redelivered deletion is a no-op.
    expect(await (await sendX(del)).json()).toMatchObject({ deleted: 0 });
  });
});

describe('malformed requests, over HTTP', () => {
  it('answer 400 with a clear JSON message, not 500', async () => {
    const api = staff(rt);
    for (const path of ['/content/%ZZ', '/feedback?status=%ZZ', '/content?q=%E0%A4%A']) {
      const r = await api.request(path);
      expect(r.status, path).toBe(400);
      expect(String(r.body.message)).toMatch(/malformed percent-escape/);
    }
    for (const path of ['/approvals/%ZZ', '/approvals/aAbCdEfGhIjKlMnOpQrStUvWxYz?exp=1&sig=%G1']) {
      const r = await fetch(`${rt.endpoints.gateway}${path}`);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { message: string }).message).toMatch(/malformed percent-escape/);
    }
    // A well-formed but unknown approval id is still the page's own answer.
    const page = await fetch(`${rt.endpoints.gateway}/approvals/%41bc`);
    expect(page.status).toBeLessThan(500);
  });
});

describe('the local Step Functions API, through the AWS SDK', () => {
  it('lists, describes and returns history in AWS shapes', async () => {
    const list = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: rt.stateMachineArn, maxResults: 1 }),
    );
    expect(list.executions).toHaveLength(1);
    expect(list.executions?.[0]?.startDate).toBeInstanceOf(Date);
    const arn = list.executions?.[0]?.executionArn ?? '';
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(described.executionArn).toBe(arn);
    expect(JSON.parse(described.input ?? '{}')).toHaveProperty('itemId');
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    expect(history.events?.[0]?.type).toBe('ExecutionStarted');
    expect(
      history.events?.some(
        (e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'Fact-finding',
      ),
    ).toBe(true);
  });

  it('answers with AWS error codes', async () => {
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${rt.stateMachineArn.replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    const name = `manual-${Date.now()}`;
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: rt.stateMachineArn,
        name,
        input: '{"itemId":"none","revision":1}',
      }),
    );
    await expect(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn: rt.stateMachineArn, name, input: '{"other":true}' }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('StopExecution aborts a waiting execution', async () => {
    const api = staff(rt);
    const id = String(
      (await api.request('/content', { method: 'POST', body: JSON.stringify(await sampleItem()) })).body.id,
    );
    await waitForApprovalLink(rt, id);
    const arn = String((await api.request(`/content/${id}`)).body.executionArn);
    await sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'Cancelled', cause: 'test' }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(described.status).toBe('ABORTED');
  });
});
