import { randomUUID } from 'node:crypto';
import { enqueueExport } from '../../adapters/export-queue';
import { getObjectBytes, presignedGetUrl, putObject } from '../../adapters/media-store';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import type { StaffIdentity } from '../../common/http';
import { log } from '../../common/logger';
import type { ExportInput } from './export-input';

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

export const statusKey = (id: string) => `exports/${id}/status.json`;
export const zipKey = (s: Pick<ExportStatus, 'id' | 'from' | 'to'>) =>
  `exports/${s.id}/arsip-${s.from}_${s.to}.zip`;

export const writeStatus = (s: ExportStatus) =>
  putObject(statusKey(s.id), JSON.stringify(s), 'application/json');

export const readStatus = async (id: string): Promise<ExportStatus> => {
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
