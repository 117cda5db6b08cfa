import '../local/env-defaults';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * `npm run demo [-- --auto-approve]`: against a running `npm start`, submits a sample infographic, prints
 * the approval link from the outbox, and follows the item through publishing and evaluation.
 * The short publish delay and evaluation window are set on the item itself; the clock is not bent.
 */

const { values: flags } = parseArgs({
  options: {
    'auto-approve': { type: 'boolean', default: false },
    'publish-in': { type: 'string' },
    'evaluate-after': { type: 'string', default: 'PT15S' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(`Usage: npm run demo -- [--auto-approve] [--publish-in SECONDS] [--evaluate-after ISO-DURATION]
  --auto-approve     approve through the link as a person would (GET the page, POST its form)
  --publish-in       seconds from now until the item is published (default 15 with --auto-approve, 120 without)
  --evaluate-after   evaluation window after publishing (default PT15S)`);
  process.exit(0);
}

const env = z
  .object({
    PORT: z.coerce.number().int().default(3000),
    SEBAR_DATA_DIR: z.string().default('.sebar'),
    SEBAR_API_TOKEN: z.string().optional(),
    SEBAR_SANDBOX_PORT: z.coerce.number().int().default(4010),
  })
  .parse(process.env);

const base = `http://127.0.0.1:${env.PORT}`;
const dataDir = resolve(env.SEBAR_DATA_DIR);
const publishIn = Number(flags['publish-in'] ?? (flags['auto-approve'] ? 15 : 120));
const finalStatuses = new Set(['evaluated', 'evaluation-failed', 'blocked', 'rejected', 'expired', 'failed']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (message: string): never => {
  console.error(`\n✗ ${message}`);
  process.exit(1);
};

const token = async (): Promise<string> => {
  if (env.SEBAR_API_TOKEN) return env.SEBAR_API_TOKEN;
  try {
    return (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
  } catch {
    return fail(
      `No staff token: set SEBAR_API_TOKEN or start Sebar first (npm start) so ${dataDir}/api-token exists.`,
    );
  }
};

const api = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${await token()}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  const body = (await r.json()) as Record<string, unknown>;
  if (!r.ok) fail(`${init.method ?? 'GET'} ${path} answered ${r.status}: ${JSON.stringify(body)}`);
  return body;
};

/** Finds the approval email for the item in the outbox and takes the link out of its text part. */
const approvalLink = async (itemId: string): Promise<string> => {
  const outbox = join(dataDir, 'outbox');
  for (let i = 0; i < 60; i++) {
    for (const name of (await readdir(outbox).catch(() => [])).filter((n) => n.endsWith('.eml'))) {
      const mime = await readFile(join(outbox, name), 'utf8');
      if (!mime.includes(`X-Sebar-Item: ${itemId}`)) continue;
      const parts = mime.split(/\r\n\r\n/);
      for (const part of parts) {
        const text = Buffer.from(part.replace(/\r\n/g, ''), 'base64').toString('utf8');
        const link = /https?:\/\/\S+\/approvals\/[^\s"<]+/.exec(text)?.[0];
        if (link) return link;
      }
    }
    await sleep(500);
  }
  return fail('No approval email arrived in the outbox within 30 seconds.');
};

/** Approves as a person would: open the page (which decides nothing), then press Approve. */
const approve = async (link: string) => {
  const page = await fetch(link);
  const html = await page.text();
  if (page.status !== 200) fail(`The approval page answered ${page.status}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  if (!action) return fail('The approval page has no form');
  const form = new URLSearchParams({ ...hidden, decision: 'approve', comment: 'Disetujui (demo otomatis)' });
  // Approved after its publish time, the page asks when to publish (docs/decisions/0017): now.
  if (html.includes('name="lateChoice"')) {
    console.log('The publish time has passed; approving with "Terbitkan sekarang" (publish now).');
    form.set('lateChoice', 'now');
  }
  const r = await fetch(new URL(action, link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  if (r.status !== 200) fail(`Approving answered ${r.status}: ${await r.text()}`);
};

const main = async () => {
  try {
    await fetch(`${base}/content`, { method: 'HEAD' });
  } catch {
    fail(`Sebar is not running at ${base}. Start it first with: npm start`);
  }
  const image = await readFile(new URL('./assets/sample-infographic.jpg', import.meta.url));
  const publishAt = new Date(Date.now() + publishIn * 1000).toISOString();
  const created = await api('/content', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Cegah DBD dengan 3M Plus',
      caption:
        'Musim hujan, waspada demam berdarah! Lakukan 3M Plus di rumah: menguras tempat penampungan air, menutup wadah air, dan mendaur ulang barang bekas. Plus: pakai lotion anti nyamuk dan tanam tanaman pengusir nyamuk. Jika demam tinggi 2 hari atau lebih, segera periksa ke puskesmas terdekat. #CegahDBD #BandungSehat',
      platforms: ['instagram', 'x'],
      publishAt,
      evaluateAfter: flags['evaluate-after'],
      sources: [
        {
          url: 'https://ayosehat.kemkes.go.id/topik-penyakit/infeksi-tropis/demam-berdarah-dengue',
          title: 'Kemenkes: Demam Berdarah Dengue',
        },
      ],
      media: [
        {
          dataBase64: image.toString('base64'),
          altText: 'Infografis hijau: Cegah DBD dengan 3M Plus di rumah Anda',
        },
      ],
    }),
  });
  const id = String(created.id);
  console.log(`✓ Submitted content item ${id} (publish at ${publishAt})`);
  const link = await approvalLink(id);
  console.log(`✓ Approval email is in the outbox. Approval link:\n\n    ${link}\n`);
  if (flags['auto-approve']) {
    await approve(link);
    console.log('✓ Approved through the link (page opened, then the Approve button pressed)');
  } else {
    console.log('Open the link in a browser and press "Setujui" (Approve). Waiting for the decision...');
  }

  let last = '';
  const deadline = Date.now() + (flags['auto-approve'] ? 180_000 : 3_600_000);
  let item: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    item = await api(`/content/${id}`);
    const status = String(item.status);
    if (status !== last) {
      console.log(`  status: ${status}${item.statusReason ? ` (${item.statusReason})` : ''}`);
      last = status;
    }
    if (finalStatuses.has(status)) break;
    await sleep(1000);
  }
  if (!finalStatuses.has(last)) fail(`The item did not finish in time (last status: ${last})`);

  console.log('\nTimeline:');
  for (const t of item.timeline as { stage: string; at: string; note?: string }[]) {
    console.log(`  ${t.at}  ${t.stage}${t.note ? ` — ${t.note}` : ''}`);
  }
  console.log('\nPublications:');
  for (const p of item.publications as {
    platform: string;
    state: string;
    postId?: string;
    url?: string;
    error?: string;
  }[]) {
    console.log(`  ${p.platform}: ${p.state} ${p.postId ?? ''} ${p.url ?? p.error ?? ''}`);
  }
  const sandbox = (await (
    await fetch(`http://127.0.0.1:${env.SEBAR_SANDBOX_PORT}/_sandbox/posts`)
  ).json()) as {
    posts: { platform: string; id: string; text: string }[];
  };
  const ids = new Set((item.publications as { postId?: string }[]).map((p) => p.postId));
  console.log('\nIn the sandbox platforms:');
  for (const p of sandbox.posts.filter((x) => ids.has(x.id)))
    console.log(`  ${p.platform} post ${p.id}: "${p.text.slice(0, 60)}…"`);
  if (last !== 'evaluated') fail(`The item ended as ${last}`);
  console.log('\n✓ Published and evaluated.');
  const evaluation = item.evaluation as { html: string } | undefined;
  if (evaluation)
    console.log(
      `  Evaluation page (link valid 15 minutes; npx sebar evaluation ${id} for a new one):\n    ${evaluation.html}`,
    );

  // Citizens answer the post: a complaint and a question arrive by signed webhook from the sandbox.
  const igPost = (item.publications as { platform: string; postId?: string }[]).find(
    (p) => p.platform === 'instagram',
  );
  if (!igPost?.postId) return;
  const comment = async (text: string, author: string) => {
    const r = await fetch(`http://127.0.0.1:${env.SEBAR_SANDBOX_PORT}/_sandbox/comments`, {
      method: 'POST',
      body: JSON.stringify({ platform: 'instagram', postId: igPost.postId, text, author }),
    });
    if (r.status !== 201) fail(`The sandbox refused the comment: ${r.status}`);
    return `instagram-${((await r.json()) as { comment: { id: string } }).comment.id}`;
  };
  const complaintId = await comment(
    'min, fogging di RW 05 Antapani kok blm ada ya, udh 2 minggu lapor 😡',
    'warga_antapani',
  );
  const questionId = await comment(
    'Kalau anak demam 3 hari harus ke puskesmas mana kak? pake bpjs bisa?',
    'ibu_rina',
  );
  let complaint: Record<string, unknown> = {};
  for (let i = 0; i < 30 && !complaint.label; i++) {
    await sleep(500);
    complaint = await api(`/feedback/${complaintId}`);
  }
  console.log(`\n✓ Two citizens commented on the Instagram post; the inbox classified them:`);
  for (const fid of [complaintId, questionId]) {
    const f = await api(`/feedback/${fid}`);
    console.log(
      `  ${fid}  ${String(f.label)}${f.category ? ` (${String(f.category)})` : ''}: ${String(f.text)}`,
    );
  }
  if (flags['auto-approve']) {
    const fu = await api(`/feedback/${complaintId}/follow-ups`, {
      method: 'POST',
      body: JSON.stringify({ unit: 'Puskesmas Antapani', note: 'Cek jadwal fogging RW 05' }),
    });
    await api(`/follow-ups/${String(fu.id)}`, {
      method: 'POST',
      body: JSON.stringify({
        status: 'resolved',
        note: 'Fogging RW 05 dijadwalkan Sabtu; warga sudah dikabari.',
      }),
    });
    console.log(
      `✓ The complaint became follow-up ${String(fu.id)} for Puskesmas Antapani, then resolved with a note.`,
    );
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7);
    const report = await api('/reports', { method: 'POST', body: JSON.stringify({ month }) });
    console.log(
      `✓ Monthly report ${month} with charts (link valid 15 minutes):\n    ${(report.links as { html: string }).html}`,
    );
  }
  console.log(`
Try it yourself:
  npx sebar inbox                                       the citizens' messages, open urgent ones first
  npx sebar follow-up ${complaintId} --unit "Puskesmas Antapani"
  npx sebar follow-ups                                  then: npx sebar resolve <follow-up-id> --note "..."
  npx sebar evaluation ${id}              the item's evaluation page
  npx sebar report --month <YYYY-MM> --out reports      the monthly report (HTML with charts, CSV)
  npx sebar digest                                      the daily digest`);
};

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
