import { isWibInputValue, wibInputToMillis } from '../time';
import { t } from '../translate';
import { instagramCounts, xPreview } from './counters';
import { approverList, type ComposeForm, imagePlatforms, type PlatformName, platformsOf } from './form';

/**
 * The compose form's checks before anything is sent, in Indonesian, keyed by the id of the control each
 * message belongs to (so it sits next to its field and the summary links to it). The server checks again;
 * its refusals are mapped onto the same ids by `issueField`.
 */

export type FieldErrors = Record<string, string>;

/** A field problem as the API reports it (`{path: 'media.0.altText', message}`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Control ids, shared by the form, its errors and the summary's links. */
export const fieldId = {
  title: 'title',
  caption: 'caption',
  images: 'images',
  alt: (localId: string) => `alt-${localId}`,
  platforms: 'platform-instagram',
  publishAt: 'publish-at',
  sourceUrl: (localId: string) => `source-url-${localId}`,
  sourceTitle: (localId: string) => `source-title-${localId}`,
  approvers: 'approvers',
  general: 'compose-general',
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const X_MAX_IMAGES = 4;
const platformLabel = (p: PlatformName): string => (p === 'x' ? 'X' : 'Instagram');

const isHttpUrl = (text: string): boolean => {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
};

export const validateForm = (form: ComposeForm, now: number = Date.now()): FieldErrors => {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors[fieldId.title] = t('validation.titleRequired');
  else if (title.length > 200) errors[fieldId.title] = t('validation.titleTooLong');

  if (!form.instagram && !form.x) errors[fieldId.platforms] = t('validation.platformRequired');

  const caption = form.caption.trim();
  if (!caption) errors[fieldId.caption] = t('validation.captionRequired');
  else if (caption.length > 5000) errors[fieldId.caption] = t('validation.captionTooLong');
  else {
    const problems: string[] = [];
    if (form.instagram) {
      const c = instagramCounts(caption);
      if (c.characters.over) problems.push(t('validation.igCharacters', { count: c.characters.used }));
      if (c.hashtags.over) problems.push(t('validation.igHashtags', { count: c.hashtags.used }));
      if (c.mentions.over) problems.push(t('validation.igMentions', { count: c.mentions.used }));
    }
    if (form.x && xPreview(caption).tooLong) problems.push(t('validation.xThread'));
    if (problems.length) errors[fieldId.caption] = problems.join(' ');
  }

  if (form.images.length === 0) errors[fieldId.images] = t('validation.imageRequired');
  else if (form.images.some((i) => i.state === 'uploading' || i.state === 'checking'))
    errors[fieldId.images] = t('validation.imageUploading');
  else if (form.images.some((i) => i.state === 'failed' || !i.key))
    errors[fieldId.images] = t('validation.imageFailed');
  else {
    const chosen = platformsOf(form);
    const unchosen = form.images.findIndex((i) => imagePlatforms(i, form).length === 0);
    const bare = chosen.find((p) => !form.images.some((i) => imagePlatforms(i, form).includes(p)));
    const forX = form.images.filter((i) => imagePlatforms(i, form).includes('x')).length;
    const image = form.images[unchosen];
    if (image && chosen.length)
      errors[fieldId.images] = t('validation.imageForUnchosen', {
        n: unchosen + 1,
        platform: platformLabel(image.platforms?.[0] ?? 'x'),
      });
    else if (bare) errors[fieldId.images] = t('validation.noImageFor', { platform: platformLabel(bare) });
    else if (forX > X_MAX_IMAGES) errors[fieldId.images] = t('validation.xImages', { count: forX });
  }
  for (const image of form.images) {
    const alt = image.altText.trim();
    if (!alt) errors[fieldId.alt(image.localId)] = t('validation.altRequired');
    else if (alt.length > 1000) errors[fieldId.alt(image.localId)] = t('validation.altTooLong');
  }

  let complete = 0;
  form.sources.forEach((s, index) => {
    const url = s.url.trim();
    const title = s.title.trim();
    if (!url && !title && index > 0) return;
    if (!url) errors[fieldId.sourceUrl(s.localId)] = t('validation.sourceUrlRequired');
    else if (!isHttpUrl(url)) errors[fieldId.sourceUrl(s.localId)] = t('validation.sourceUrlInvalid');
    if (!title) errors[fieldId.sourceTitle(s.localId)] = t('validation.sourceTitleRequired');
    else if (title.length > 300) errors[fieldId.sourceTitle(s.localId)] = t('validation.sourceTitleTooLong');
    if (url && title) complete += 1;
  });
  const firstSource = form.sources[0];
  if (complete === 0 && firstSource && !errors[fieldId.sourceUrl(firstSource.localId)])
    errors[fieldId.sourceUrl(firstSource.localId)] = t('validation.sourceUrlRequired');

  if (!form.publishAt) errors[fieldId.publishAt] = t('validation.publishAtRequired');
  else if (!isWibInputValue(form.publishAt)) errors[fieldId.publishAt] = t('validation.publishAtInvalid');
  else if (wibInputToMillis(form.publishAt) <= now) errors[fieldId.publishAt] = t('validation.publishAtPast');

  const approvers = approverList(form.approvers);
  const wrong = approvers.filter((a) => !EMAIL.test(a));
  if (wrong.length) errors[fieldId.approvers] = t('validation.approverInvalid', { emails: wrong.join(', ') });
  else if (approvers.length > 10) errors[fieldId.approvers] = t('validation.approversTooMany');
  return errors;
};

/** The control a server issue (`media.0.altText`, `sources.1.url`, `caption`) belongs to. */
export const issueField = (issue: FieldIssue, form: ComposeForm): string => {
  const [head, index, leaf] = issue.path.split('.');
  const at = Number(index);
  switch (head) {
    case 'title':
      return fieldId.title;
    case 'caption':
      return fieldId.caption;
    case 'platforms':
      return fieldId.platforms;
    case 'publishAt':
      return fieldId.publishAt;
    case 'approvers':
    case 'approvalRule':
      return fieldId.approvers;
    case 'media': {
      const image = Number.isInteger(at) ? form.images[at] : undefined;
      return image && leaf === 'altText' ? fieldId.alt(image.localId) : fieldId.images;
    }
    case 'sources': {
      const source = Number.isInteger(at) ? form.sources[at] : form.sources[0];
      if (!source) return fieldId.general;
      return leaf === 'title' ? fieldId.sourceTitle(source.localId) : fieldId.sourceUrl(source.localId);
    }
    default:
      return fieldId.general;
  }
};

/** Indonesian words for a field the server refused (its own message is English, for engineers). */
export const serverIssueMessage = (field: string): string => {
  if (field === fieldId.title) return t('serverIssue.title');
  if (field === fieldId.caption) return t('serverIssue.caption');
  if (field === fieldId.platforms) return t('serverIssue.platforms');
  if (field === fieldId.publishAt) return t('serverIssue.publishAt');
  if (field === fieldId.approvers) return t('serverIssue.approvers');
  if (field === fieldId.images) return t('serverIssue.images');
  if (field.startsWith('alt-')) return t('serverIssue.alt');
  if (field.startsWith('source-url-')) return t('serverIssue.sourceUrl');
  if (field.startsWith('source-title-')) return t('serverIssue.sourceTitle');
  return t('serverIssue.general');
};
