import { isoToWibInput, isWibInputValue, wibInputToIso } from '../time';

/** What the compose form holds while staff write, and how it becomes a POST /content body or a draft. */

export interface MediaPreview {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly contentType: string;
  readonly changes: readonly string[];
  /** The stored image itself (what X receives), not Instagram's converted copy. */
  readonly original?: boolean;
}

export type PlatformName = 'instagram' | 'x';

export interface ImageEntry {
  /** Stable id for the list and for labels (`image-<localId>`). */
  readonly localId: string;
  readonly fileName: string;
  readonly state: 'uploading' | 'checking' | 'ready' | 'failed';
  /** Upload progress, 0–1. */
  readonly progress: number;
  /** The storage key once uploaded (`uploads/...`). */
  readonly key?: string;
  readonly altText: string;
  readonly preview?: MediaPreview;
  /** Indonesian words for what went wrong. */
  readonly error?: string;
  /** Reopened from a draft: uploaded earlier, its preview is fetched again. */
  readonly restored?: boolean;
  /** Only this platform gets the image (an Instagram portrait, an X landscape); absent: every platform. */
  readonly platforms?: readonly PlatformName[];
}

export interface SourceEntry {
  readonly localId: string;
  readonly url: string;
  readonly title: string;
}

export const EVALUATION_DAYS = [1, 3, 7, 14] as const;
export type EvaluationDays = (typeof EVALUATION_DAYS)[number];

export interface ComposeForm {
  readonly title: string;
  readonly caption: string;
  readonly images: readonly ImageEntry[];
  readonly instagram: boolean;
  readonly x: boolean;
  /** The `datetime-local` value, read as WIB. */
  readonly publishAt: string;
  readonly sources: readonly SourceEntry[];
  readonly evaluationDays: EvaluationDays;
  /** Emails as typed, separated by commas, spaces or new lines; empty means the office default. */
  readonly approvers: string;
  readonly approvalRule: 'any' | 'all';
}

let counter = 0;
export const localId = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const emptySource = (): SourceEntry => ({ localId: localId('s'), url: '', title: '' });

export const emptyForm = (): ComposeForm => ({
  title: '',
  caption: '',
  images: [],
  instagram: true,
  x: true,
  publishAt: '',
  sources: [emptySource()],
  evaluationDays: 3,
  approvers: '',
  approvalRule: 'any',
});

export const approverList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const platformsOf = (form: ComposeForm): PlatformName[] => [
  ...(form.instagram ? (['instagram'] as const) : []),
  ...(form.x ? (['x'] as const) : []),
];

const filledSources = (form: ComposeForm) =>
  form.sources
    .map((s) => ({ url: s.url.trim(), title: s.title.trim() }))
    .filter((s) => s.url !== '' || s.title !== '');

/** The platforms an image is published on, given the item's: its own when it names them, else all. */
export const imagePlatforms = (image: ImageEntry, form: ComposeForm): PlatformName[] =>
  platformsOf(form).filter((p) => !image.platforms || image.platforms.includes(p));

/** `platforms` for the API: only when the image is meant for fewer platforms than the item has. */
const platformsField = (image: ImageEntry, form: ComposeForm) => {
  const own = imagePlatforms(image, form);
  return image.platforms && own.length < platformsOf(form).length ? { platforms: own } : {};
};

/** The POST /content body (call only once the form is valid). */
export const contentBody = (form: ComposeForm, draftId?: string): Record<string, unknown> => {
  const approvers = approverList(form.approvers);
  return {
    title: form.title.trim(),
    caption: form.caption.trim(),
    platforms: platformsOf(form),
    publishAt: wibInputToIso(form.publishAt),
    evaluateAfter: `P${form.evaluationDays}D`,
    sources: filledSources(form),
    media: form.images.map((i) => ({
      s3Key: i.key ?? '',
      altText: i.altText.trim(),
      ...platformsField(i, form),
    })),
    ...(approvers.length ? { approvers } : {}),
    approvalRule: form.approvalRule,
    ...(draftId ? { draftId } : {}),
  };
};

/** A draft's data: a partial POST /content body with whatever is written so far. */
export const draftData = (form: ComposeForm): Record<string, unknown> => ({
  title: form.title,
  caption: form.caption,
  platforms: platformsOf(form),
  ...(isWibInputValue(form.publishAt) ? { publishAt: wibInputToIso(form.publishAt) } : {}),
  evaluateAfter: `P${form.evaluationDays}D`,
  sources: filledSources(form),
  media: form.images
    .filter((i) => i.key)
    .map((i) => ({
      s3Key: i.key ?? '',
      altText: i.altText,
      ...(i.platforms ? { platforms: i.platforms } : {}),
    })),
  approvers: approverList(form.approvers).slice(0, 10),
  approvalRule: form.approvalRule,
});

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A saved image's platforms, when the draft names known ones. */
const platformList = (v: unknown): PlatformName[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  const list = v.filter((p): p is PlatformName => p === 'instagram' || p === 'x');
  return list.length ? list : undefined;
};

/** The form again from a saved draft (unknown or missing fields fall back to the empty form). */
export const formFromDraft = (data: Record<string, unknown>): ComposeForm => {
  const base = emptyForm();
  const platforms = Array.isArray(data.platforms) ? data.platforms.map(String) : undefined;
  const days = /^P(\d+)D$/.exec(str(data.evaluateAfter))?.[1];
  const evaluationDays = EVALUATION_DAYS.find((d) => String(d) === days) ?? base.evaluationDays;
  const sources = (Array.isArray(data.sources) ? data.sources : []).map((s: Record<string, unknown>) => ({
    localId: localId('s'),
    url: str(s?.url),
    title: str(s?.title),
  }));
  const images = (Array.isArray(data.media) ? data.media : [])
    .filter((m: Record<string, unknown>) => typeof m?.s3Key === 'string')
    .map(
      (m: Record<string, unknown>): ImageEntry => ({
        localId: localId('i'),
        fileName: str(m.s3Key).split('/').pop() ?? '',
        state: 'checking',
        progress: 1,
        key: str(m.s3Key),
        altText: str(m.altText),
        restored: true,
        ...(platformList(m.platforms) ? { platforms: platformList(m.platforms) } : {}),
      }),
    );
  let publishAt = '';
  const at = str(data.publishAt);
  if (at && !Number.isNaN(new Date(at).getTime())) publishAt = isoToWibInput(at);
  return {
    title: str(data.title),
    caption: str(data.caption),
    images,
    instagram: platforms ? platforms.includes('instagram') : base.instagram,
    x: platforms ? platforms.includes('x') : base.x,
    publishAt,
    sources: sources.length ? sources : base.sources,
    evaluationDays,
    approvers: (Array.isArray(data.approvers) ? data.approvers.map(String) : []).join(', '),
    approvalRule: data.approvalRule === 'all' ? 'all' : 'any',
  };
};
