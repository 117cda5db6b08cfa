import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { CaptionCounters } from '../compose/caption-counters';
import { describedBy, FieldError } from '../compose/field-bits';
import { emptyForm } from '../compose/form';
import { fieldId, serverIssueMessage, validateForm } from '../compose/validate';
import { language, useT } from '../i18n';
import { formatWib, isoToWibInput, isWibInputValue, nowWibInput, wibInputToIso } from '../time';
import { describeError } from '../ui/errors';
import type { ItemView } from './item-model';
import { Section } from './section';

/** This form's control ids, and the compose form's ids whose checks it borrows. */
const ids = {
  title: 'revision-title',
  caption: 'revision-caption',
  publishAt: 'revision-publish-at',
} as const;
const borrowed: Record<string, keyof typeof ids> = {
  [fieldId.title]: 'title',
  [fieldId.caption]: 'caption',
  [fieldId.publishAt]: 'publishAt',
};

interface Fields {
  readonly title: string;
  readonly caption: string;
  readonly publishAt: string;
}

/** The compose form's own checks for the three fields a revision changes (images and sources stay). */
const check = (item: ItemView, f: Fields): Partial<Record<keyof typeof ids, string>> => {
  const all = validateForm({
    ...emptyForm(),
    ...f,
    instagram: item.platforms.includes('instagram'),
    x: item.platforms.includes('x'),
    images: item.media.map((m, i) => ({
      localId: `m${i}`,
      fileName: m.key,
      state: 'ready' as const,
      progress: 1,
      key: m.key,
      altText: m.altText || '-',
      ...(m.platforms ? { platforms: m.platforms } : {}),
    })),
    sources: item.sources.map((s, i) => ({ localId: `s${i}`, url: s.url, title: s.title })),
  });
  const out: Partial<Record<keyof typeof ids, string>> = {};
  for (const [composeId, own] of Object.entries(borrowed)) if (all[composeId]) out[own] = all[composeId];
  return out;
};

/** A new revision when an approver asked for changes or the check held the item: title, caption, time, note. */
export const RevisionForm = ({ item, onChanged }: { item: ItemView; onChanged: () => void }) => {
  const t = useT();
  const { api } = useApp();
  const start: Fields = {
    title: item.title,
    caption: item.caption,
    publishAt: isoToWibInput(item.publishAt),
  };
  const [fields, setFields] = useState<Fields>(start);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<keyof typeof ids, string>>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const change = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));

  const focusFirst = (found: Partial<Record<keyof typeof ids, string>>) => {
    const first = (Object.keys(ids) as (keyof typeof ids)[]).find((k) => found[k]);
    if (first) document.getElementById(ids[first])?.focus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setMessage(undefined);
    const found = check(item, fields);
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);
    const body: Record<string, string> = {};
    if (fields.title.trim() !== item.title) body.title = fields.title.trim();
    if (fields.caption.trim() !== item.caption) body.caption = fields.caption.trim();
    if (fields.publishAt !== start.publishAt) body.publishAt = wibInputToIso(fields.publishAt);
    if (!Object.keys(body).length) {
      setMessage({ text: t('itemPage.revision.nothingChanged'), error: true });
      return;
    }
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    try {
      const r = await api.post<{ revision: number }>(
        `/content/${encodeURIComponent(item.id)}/revisions`,
        body,
      );
      setMessage({ text: t('itemPage.revision.sent', { revision: r.revision }), error: false });
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.issues.length) {
        const server: Partial<Record<keyof typeof ids, string>> = {};
        for (const issue of error.issues) {
          const head = issue.path.split('.')[0];
          if (head === 'title' || head === 'caption' || head === 'publishAt')
            server[head] = serverIssueMessage(fieldId[head]);
        }
        setErrors(server);
        focusFirst(server);
      }
      setMessage({
        text:
          error instanceof ApiError && error.status === 409
            ? t('itemPage.revision.conflict')
            : error instanceof ApiError && error.status === 400
              ? t('itemPage.revision.invalid')
              : describeError(error),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };

  const preview = isWibInputValue(fields.publishAt)
    ? formatWib(wibInputToIso(fields.publishAt), { locale: language() })
    : undefined;
  const request = item.status === 'changes-requested' ? item.changeRequest : undefined;
  return (
    <Section id="revision" title={t('itemPage.revision.title')}>
      {request ? (
        <div class="change-request">
          <p>{t('itemPage.revision.requestBy', { by: request.approver })}</p>
          <blockquote class="quote">“{request.comment}”</blockquote>
        </div>
      ) : (
        <p>{t('itemPage.revision.blockedIntro')}</p>
      )}
      <p class="hint">{t('itemPage.revision.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for={ids.title}>{t('fields.title')}</label>
          <input
            id={ids.title}
            type="text"
            maxLength={200}
            value={fields.title}
            aria-invalid={errors.title ? 'true' : undefined}
            aria-describedby={describedBy([errors.title && `${ids.title}-error`])}
            onInput={(e) => change({ title: e.currentTarget.value })}
          />
          <FieldError id={ids.title} message={errors.title} />
        </div>
        <div class="field">
          <label for={ids.caption}>{t('fields.caption')}</label>
          <textarea
            id={ids.caption}
            rows={7}
            value={fields.caption}
            aria-invalid={errors.caption ? 'true' : undefined}
            aria-describedby={describedBy(['caption-counters', errors.caption && `${ids.caption}-error`])}
            onInput={(e) => change({ caption: e.currentTarget.value })}
          />
          <FieldError id={ids.caption} message={errors.caption} />
          <CaptionCounters
            caption={fields.caption}
            instagram={item.platforms.includes('instagram')}
            x={item.platforms.includes('x')}
          />
        </div>
        <div class="field">
          <label for={ids.publishAt}>{t('fields.publishAt')}</label>
          <div class="with-suffix">
            <input
              id={ids.publishAt}
              type="datetime-local"
              min={nowWibInput()}
              value={fields.publishAt}
              aria-invalid={errors.publishAt ? 'true' : undefined}
              aria-describedby={describedBy([
                'revision-publish-zone',
                'revision-publish-hint',
                errors.publishAt && `${ids.publishAt}-error`,
              ])}
              onInput={(e) => change({ publishAt: e.currentTarget.value })}
            />
            <span id="revision-publish-zone" class="suffix">
              WIB
            </span>
          </div>
          <p id="revision-publish-hint" class="hint">
            {preview ? t('compose.publishPreview', { when: preview }) : t('compose.publishHint')}
          </p>
          <FieldError id={ids.publishAt} message={errors.publishAt} />
        </div>
        <div class="field">
          <label for="revision-note">{t('itemPage.revision.note')}</label>
          <textarea
            id="revision-note"
            rows={2}
            maxLength={1000}
            value={note}
            aria-describedby="revision-note-hint"
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <p id="revision-note-hint" class="hint">
            {t('itemPage.revision.noteHint')}
          </p>
        </div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('itemPage.revision.sending') : t('itemPage.revision.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {message ? <p class={message.error ? 'notice notice-error' : 'ok'}>{message.text}</p> : null}
      </div>
    </Section>
  );
};
