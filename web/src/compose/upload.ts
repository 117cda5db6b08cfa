import type { Api } from '../api';
import type { MediaPreview } from './form';

/**
 * Images go straight to storage: POST /uploads returns a presigned POST for one `uploads/` key, the
 * browser sends the form fields then the file to storage (XMLHttpRequest, for upload progress), and
 * POST /media/preview shows the image as Instagram will receive it.
 */

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

export interface UploadTicket {
  readonly key: string;
  readonly upload: { readonly url: string; readonly fields: Record<string, string> };
  readonly expiresAt: string;
  readonly maxBytes: number;
}

export class StorageUploadError extends Error {
  override readonly name = 'StorageUploadError';
  constructor(readonly status: number) {
    super(`Storage answered ${status}`);
  }
}

export const requestUpload = (api: Api, file: File): Promise<UploadTicket> =>
  api.post<UploadTicket>('/uploads', { fileName: file.name, contentType: file.type, bytes: file.size });

/** Sends the file to the presigned POST, reporting progress from 0 to 1. */
export const sendToStorage = (
  ticket: UploadTicket,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
    form.append('file', file); // storage reads fields up to the file, so it goes last
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new StorageUploadError(xhr.status));
    };
    xhr.onerror = () => reject(new StorageUploadError(0));
    xhr.send(form);
  });

export const fetchPreview = (api: Api, key: string): Promise<MediaPreview> =>
  api.post<MediaPreview>('/media/preview', { s3Key: key });
