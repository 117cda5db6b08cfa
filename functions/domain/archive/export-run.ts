import { getRecordBytes, listRecordKeys } from '../../adapters/archive-store';
import { feedbackReceivedSince } from '../../adapters/feedback-repo';
import { getObjectBytes, putObject } from '../../adapters/media-store';
import { log } from '../../common/logger';
import { buildExport, type ExportMessage, type ExportSources } from './export';
import { type ExportStatus, readStatus, writeStatus, zipKey } from './export-jobs';

/** The queue consumer's side of an export (archive-export): reads the archive, builds and stores the zip. */
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
