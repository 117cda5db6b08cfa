import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { instagram } from '../adapters/instagram-client';
import { addStage, getItem } from '../adapters/items-repo';
import { putObject } from '../adapters/media-store';
import { appendMetrics, listPublications, type Publication } from '../adapters/publications-repo';
import { x } from '../adapters/x-client';
import { dynamo } from '../common/aws';
import { config } from '../common/config';
import { log } from '../common/logger';
import { engagementRate } from './engagement';
import { escapeHtml as e } from './mime';

export const INSTAGRAM_METRICS = ['reach', 'likes', 'comments', 'shares', 'saved', 'views'] as const;

/** Reads each published post's metrics and stores the reading with its time. A platform that fails is logged, not fatal. */
export const collectMetrics = async (itemId: string): Promise<{ collectedAt: string; readings: number }> => {
  const collectedAt = new Date().toISOString();
  let readings = 0;
  for (const pub of await listPublications(itemId)) {
    if (pub.state !== 'published' || !pub.postId) continue;
    try {
      const values =
        pub.platform === 'instagram'
          ? await instagram.insights(pub.postId, INSTAGRAM_METRICS)
          : await x.publicMetrics(pub.postId);
      await appendMetrics(pub, { at: collectedAt, values });
      readings += 1;
    } catch (error) {
      log.warn('metrics could not be read', { itemId, platform: pub.platform, error });
    }
  }
  return { collectedAt, readings };
};

const latest = (p: Publication) => p.metrics?.at(-1)?.values ?? {};

export { engagementRate } from './engagement';

const feedbackCounts = async (itemId: string): Promise<Record<string, number>> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config().FEEDBACK_TABLE,
      IndexName: 'by-item',
      KeyConditionExpression: 'itemId = :i',
      ExpressionAttributeValues: { ':i': itemId },
    }),
  );
  const counts: Record<string, number> = {};
  for (const f of out.Items ?? []) {
    const label = String(f.label ?? 'unclassified');
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
};

/** Writes the item's evaluation (JSON and a readable HTML page) to S3 and returns where. */
/**
 * Writes the item's evaluation (JSON and a readable HTML page) to S3 and returns where. Pass 2 runs after
 * the late metrics reading and rewrites the report with every reading; the item's timeline records it.
 */
export const evaluateItem = async (
  itemId: string,
  pass: 1 | 2 = 1,
): Promise<{ reportKey: string; htmlKey: string }> => {
  const item = await getItem(itemId);
  const pubs = await listPublications(itemId);
  const platforms = pubs.map((p) => ({
    platform: p.platform,
    state: p.state,
    url: p.url,
    error: p.error,
    metrics: latest(p),
    metricsReadAt: p.metrics?.at(-1)?.at,
    readings: p.metrics ?? [],
    engagementRate: engagementRate(p.platform, latest(p)),
  }));
  const report = {
    itemId,
    title: item.title,
    publishedAt: pubs
      .map((p) => p.publishedAt)
      .filter(Boolean)
      .sort()[0],
    evaluatedAt: new Date().toISOString(),
    pass,
    platforms,
    feedback: await feedbackCounts(itemId),
  };
  const reportKey = `reports/items/${itemId}/evaluation.json`;
  const htmlKey = `reports/items/${itemId}/evaluation.html`;
  await putObject(reportKey, JSON.stringify(report, null, 2), 'application/json');
  const rows = platforms
    .map(
      (p) =>
        `<tr><td>${e(p.platform)}</td><td>${e(p.state)}</td><td>${p.engagementRate === undefined ? '–' : `${(p.engagementRate * 100).toFixed(2)}%`}</td><td>${e(
          Object.entries(p.metrics)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
        )}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Evaluasi: ${e(item.title)}</title></head>
<body style="font-family:sans-serif;max-width:760px;margin:auto"><h1>Evaluasi: ${e(item.title)}</h1>
<table border="1" cellpadding="6" style="border-collapse:collapse"><tr><th>Platform</th><th>Status</th><th>Engagement</th><th>Metrik</th></tr>${rows}</table>
<h2>Tanggapan warga</h2><ul>${
    Object.entries(report.feedback)
      .map(([k, v]) => `<li>${e(k)}: ${v}</li>`)
      .join('') || '<li>Belum ada tanggapan</li>'
  }</ul></body></html>`;
  await putObject(htmlKey, html, 'text/html; charset=utf-8');
  if (pass === 2)
    await addStage(itemId, 'reevaluated', `metrics read again; ${platforms.length} platform(s)`);
  return { reportKey, htmlKey };
};
