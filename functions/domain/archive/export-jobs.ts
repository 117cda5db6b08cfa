import { randomUUID } from 'node:crypto';
import { getRecordBytes, listRecordKeys } from '../../adapters/archive-store';
import { enqueueExport } from '../../adapters/export-queue';
import { feedbackReceivedSince } from '../../adapters/feedback-repo';
import { getObjectBytes, presignedGetUrl, putObject } from '../../adapters/media-store';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import type { StaffIdentity } from '../../common/http';
import { log } from '../../common/logger';
import { buildExport, type ExportInput, type ExportMessage, type ExportSources } from './export';

/**
 * Exports for an information request, asynchronous (POST /archive/exports, then GET /archive/exports/{id}):
 * the request is checked, its status written under `exports/<id>/` in the main bucket and queued; the
 * archive-export function builds the zip there, writing progress as it goes. The CLI uses the same routes.
 * Supervisors only: the zip holds what citizens wrote and who they are.
 */
export type ExportState = 'queued' | 'running' | 'ready' | 'failed';

export interface ExportStatus {
  readonly id: string;
  readonly state: ExportState;
  readonly from: string;
  readonly to: string;
  readonly redactAuthors: boolean;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly updatedAt: string;
  readonly progress: { readonly done: number; readonly total: number };
  readonly result?: {
    readonly key: string;
    readonly bytes: number;
    readonly files: number;
    readonly ms: number;
  };
  readonly error?: string;
}

const statusKey = (id: string) => `exports/${id}/status.json`;
const zipKey = (s: Pick<ExportStatus, 'id' | 'from' | 'to'>) => `exports/${s.id}/arsip-${s.from}_${s.to}.zip`;

const writeStatus = (s: ExportStatus) => putObject(statusKey(s.id), JSON.stringify(s), 'application/json');

const readStatus = async (id: string): Promise<ExportStatus> => {
  try {
    return JSON.parse((await getObjectBytes(statusKey(id))).toString('utf8')) as ExportStatus;
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'))
      throw new NotFoundError(`No export ${id}`);
    throw error;
  }
};

export const requireExporter = (who: StaffIdentity): void => {
  if (!who.groups.includes('supervisor'))
    throw new ForbiddenError('Only a supervisor may export the records archive');
};

export const startExport = async (
  input: ExportInput,
  who: StaffIdentity,
  actor: string,
  now = new Date(),
) => {
  requireExporter(who);
  const at = now.toISOString();
  const status: ExportStatus = {
    id: randomUUID(),
    state: 'queued',
    ...input,
    requestedBy: actor,
    requestedAt: at,
    updatedAt: at,
    progress: { done: 0, total: 0 },
  };
  await writeStatus(status);
  await enqueueExport(status.id);
  log.info('archive export queued', { exportId: status.id, from: input.from, to: input.to });
  return status;
};

/** The status, with a fresh presigned link to the zip once it is ready. */
export const exportStatus = async (id: string, who: StaffIdentity) => {
  requireExporter(who);
  const status = await readStatus(id);
  if (status.state !== 'ready' || !status.result) return status;
  return { ...status, url: await presignedGetUrl(status.result.key) };
};

const messagesBetween = async (start: string, end: string): Promise<ExportMessage[]> =>
  (await feedbackReceivedSince<ExportMessage>(start)).filter((m) => m.receivedAt < end);

const rawBytes = async (key: string): Promise<Buffer | undefined> => {
  try {
    return await getObjectBytes(key);
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
    throw error;
  }
};

export const exportSources = (): ExportSources => ({
  listRecordKeys,
  getRecordBytes,
  messagesBetween,
  getRawBytes: rawBytes,
});

/** Builds one queued export (the queue consumer). A finished export is left as it is (a redelivery). */
export const runExport = async (
  id: string,
  sources: ExportSources = exportSources(),
): Promise<ExportStatus> => {
  const queued = await readStatus(id);
  if (queued.state === 'ready') return queued;
  const started = Date.now();
  let status: ExportStatus = { ...queued, state: 'running', updatedAt: new Date().toISOString() };
  await writeStatus(status);
  let lastWrite = 0;
  try {
    const built = await buildExport(queued, sources, {
      now: new Date(),
      onProgress: async (progress) => {
        status = { ...status, progress };
        // At most about once a second: progress is for people watching, not a log.
        if (Date.now() - lastWrite < 1000) return;
        lastWrite = Date.now();
        await writeStatus({ ...status, updatedAt: new Date().toISOString() });
      },
    });
    const key = zipKey(queued);
    await putObject(key, built.zip, 'application/zip');
    status = {
      ...status,
      state: 'ready',
      updatedAt: new Date().toISOString(),
      progress: { done: status.progress.total, total: status.progress.total },
      result: {
        key,
        bytes: built.zip.length,
        files: built.manifest.files.length,
        ms: Date.now() - started,
      },
    };
    await writeStatus(status);
    log.info('archive export ready', { exportId: id, bytes: built.zip.length, ms: Date.now() - started });
    return status;
  } catch (error) {
    log.error('archive export failed', { exportId: id, error });
    await writeStatus({
      ...status,
      state: 'failed',
      updatedAt: new Date().toISOString(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
};
