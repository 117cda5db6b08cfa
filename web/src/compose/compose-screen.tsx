import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { navigate, replaceRoute } from '../router';
import type { ScreenProps } from '../screens/screen-host';
import { formatWib, isWibInputValue, nowWibInput, wibInputToIso } from '../time';
import { describeError } from '../ui/errors';
import { Loading } from '../ui/states';
import { CaptionCounters } from './caption-counters';
import { DraftsList } from './drafts-list';
import { describedBy, FieldError } from './field-bits';
import {
  type ComposeForm,
  contentBody,
  draftData,
  EVALUATION_DAYS,
  emptyForm,
  formFromDraft,
  platformsOf,
} from './form';
import { ImageField } from './image-field';
import { ScreeningPanel, useScreening } from './screening-panel';
import { SourcesField } from './sources-field';
import { type FieldErrors, fieldId, issueField, serverIssueMessage, validateForm } from './validate';

interface DraftRef {
  readonly id: string;
  readonly version: number;
}

type Notice = { readonly kind: 'ok' | 'error'; readonly text: string } | undefined;

/** Tulis: write an item, check it as you type, save it as a draft, and submit it for approval. */
export default function ComposeScreen({ param }: ScreenProps) {
  const t = useT();
  const { api } = useApp();
  const [form, setForm] = useState<ComposeForm>(emptyForm);
  const [draft, setDraft] = useState<DraftRef>();
  // The draft named in the address when the screen opened; later address changes are this screen's own.
  const [opening] = useState(param);
  const [loading, setLoading] = useState(Boolean(param));
  const [loadError, setLoadError] = useState<string>();
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'saving' | 'submitting'>();
  const [notice, setNotice] = useState<Notice>();
  const [draftsVersion, setDraftsVersion] = useState(0);
  const summaryRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t('compose.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (!opening) return;
    let live = true;
    api
      .get<{ id: string; version: number; data: Record<string, unknown> }>(
        `/drafts/${encodeURIComponent(opening)}`,
      )
      .then((d) => {
        if (!live) return;
        setForm(formFromDraft(d.data ?? {}));
        setDraft({ id: d.id, version: d.version });
      })
      .catch((e: unknown) => {
        if (live)
          setLoadError(e instanceof ApiError && e.status === 404 ? t('drafts.notFound') : describeError(e));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [api, opening, t]);

  const screening = useScreening(
    api,
    form.title,
    form.caption,
    form.images.map((i) => i.altText),
  );

  const clientErrors = showErrors ? validateForm(form) : {};
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };

  const change = (values: Partial<ComposeForm>) => {
    setForm((f) => ({ ...f, ...values }));
    // A field the server refused is cleared once staff change something; the next submit checks again.
    if (Object.keys(serverErrors).length) setServerErrors({});
  };

  // The summary lists what is wrong now (it shrinks as staff fix things); a failed submit moves focus to it.
  const summary = showErrors ? Object.entries(errors).map(([id, message]) => ({ id, message })) : [];
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  const saveDraft = async () => {
    setBusy('saving');
    setNotice(undefined);
    try {
      const data = draftData(form);
      if (draft) {
        const r = await api.put<{ id: string; version: number }>(`/drafts/${encodeURIComponent(draft.id)}`, {
          version: draft.version,
          data,
        });
        setDraft({ id: draft.id, version: r.version });
      } else {
        const r = await api.post<{ id: string; version: number }>('/drafts', { data });
        setDraft({ id: r.id, version: r.version });
        replaceRoute('tulis', r.id);
      }
      setNotice({
        kind: 'ok',
        text: t('drafts.saved', { when: formatWib(new Date(), { locale: language() }) }),
      });
      setDraftsVersion((n) => n + 1);
    } catch (e) {
      const text = e instanceof ApiError && e.status === 409 ? t('drafts.conflict') : describeError(e);
      setNotice({ kind: 'error', text: t('drafts.saveFailed', { reason: text }) });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setShowErrors(true);
    setServerErrors({});
    setNotice(undefined);
    const found = validateForm(form);
    const ids = Object.keys(found);
    if (ids.length) {
      focusSummary();
      return;
    }
    setBusy('submitting');
    try {
      const created = await api.post<{ id: string }>('/content', contentBody(form, draft?.id));
      navigate('item', created.id);
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.issues.length) {
        const mapped: FieldErrors = {};
        for (const issue of e.issues) {
          const id = issueField(issue, form);
          mapped[id] ??= serverIssueMessage(id);
        }
        setServerErrors(mapped);
        focusSummary();
      } else {
        const message =
          e instanceof ApiError && e.status === 401 ? t('errors.unauthorized') : describeError(e);
        setServerErrors({ [fieldId.general]: message });
        focusSummary();
      }
    } finally {
      setBusy(undefined);
    }
  };

  if (loading) return <Loading label={t('drafts.opening')} />;

  const publishPreview = isWibInputValue(form.publishAt)
    ? formatWib(wibInputToIso(form.publishAt), { locale: language() })
    : undefined;
  const err = (id: string) => errors[id];

  return (
    <section class="screen compose" aria-labelledby="screen-title">
      <h1 id="screen-title">{draft ? t('compose.titleDraft') : t('compose.title')}</h1>
      <p class="lead">{t('compose.intro')}</p>
      <DraftsList api={api} currentId={draft?.id} refresh={draftsVersion} />
      {loadError ? (
        <p class="notice notice-error" role="alert">
          {loadError}
        </p>
      ) : null}

      {summary.length ? (
        <section class="error-summary" tabIndex={-1} ref={summaryRef} aria-labelledby="summary-title">
          <h2 id="summary-title">{t('compose.summaryTitle')}</h2>
          <ul>
            {summary.map((s) => (
              <li key={s.id}>
                {s.id === fieldId.general ? (
                  s.message
                ) : (
                  <a
                    href={`#${s.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(s.id)?.focus();
                    }}
                  >
                    {s.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <form class="compose-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={fieldId.title}>{t('fields.title')}</label>
          <input
            id={fieldId.title}
            type="text"
            maxLength={200}
            value={form.title}
            aria-invalid={err(fieldId.title) ? 'true' : undefined}
            aria-describedby={describedBy(['title-hint', err(fieldId.title) && `${fieldId.title}-error`])}
            onInput={(e) => change({ title: e.currentTarget.value })}
          />
          <p id="title-hint" class="hint">
            {t('compose.titleHint')}
          </p>
          <FieldError id={fieldId.title} message={err(fieldId.title)} />
        </div>

        <fieldset class="group">
          <legend>{t('compose.platforms')}</legend>
          <div class="checks">
            <label class="check">
              <input
                id={fieldId.platforms}
                type="checkbox"
                checked={form.instagram}
                aria-invalid={err(fieldId.platforms) ? 'true' : undefined}
                aria-describedby={describedBy([err(fieldId.platforms) && `${fieldId.platforms}-error`])}
                onChange={(e) => change({ instagram: e.currentTarget.checked })}
              />
              Instagram
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={form.x}
                onChange={(e) => change({ x: e.currentTarget.checked })}
              />
              X
            </label>
          </div>
          <FieldError id={fieldId.platforms} message={err(fieldId.platforms)} />
        </fieldset>

        <div class="field">
          <label for={fieldId.caption}>{t('fields.caption')}</label>
          <textarea
            id={fieldId.caption}
            rows={8}
            value={form.caption}
            aria-invalid={err(fieldId.caption) ? 'true' : undefined}
            aria-describedby={describedBy([
              'caption-hint',
              'caption-counters',
              err(fieldId.caption) && `${fieldId.caption}-error`,
            ])}
            onInput={(e) => change({ caption: e.currentTarget.value })}
          />
          <p id="caption-hint" class="hint">
            {t('compose.captionHint')}
          </p>
          <FieldError id={fieldId.caption} message={err(fieldId.caption)} />
          <CaptionCounters caption={form.caption} instagram={form.instagram} x={form.x} />
        </div>

        <ImageField
          api={api}
          images={form.images}
          errors={errors}
          chosen={platformsOf(form)}
          itemTitle={form.title}
          update={(fn) => {
            setForm((f) => ({ ...f, images: fn(f.images) }));
            if (Object.keys(serverErrors).length) setServerErrors({});
          }}
        />

        <ScreeningPanel state={screening} />

        <SourcesField sources={form.sources} errors={errors} onChange={(sources) => change({ sources })} />

        <fieldset class="group">
          <legend>{t('compose.timing')}</legend>
          <div class="field">
            <label for={fieldId.publishAt}>{t('fields.publishAt')}</label>
            <div class="with-suffix">
              <input
                id={fieldId.publishAt}
                type="datetime-local"
                min={nowWibInput()}
                value={form.publishAt}
                aria-invalid={err(fieldId.publishAt) ? 'true' : undefined}
                aria-describedby={describedBy([
                  'publish-at-zone',
                  'publish-at-hint',
                  err(fieldId.publishAt) && `${fieldId.publishAt}-error`,
                ])}
                onInput={(e) => change({ publishAt: e.currentTarget.value })}
              />
              <span id="publish-at-zone" class="suffix">
                WIB
              </span>
            </div>
            <p id="publish-at-hint" class="hint">
              {publishPreview
                ? t('compose.publishPreview', { when: publishPreview })
                : t('compose.publishHint')}
            </p>
            <FieldError id={fieldId.publishAt} message={err(fieldId.publishAt)} />
          </div>
          <div class="field">
            <label for="evaluate-after">{t('compose.evaluation')}</label>
            <select
              id="evaluate-after"
              value={String(form.evaluationDays)}
              aria-describedby="evaluate-hint"
              onChange={(e) =>
                change({
                  evaluationDays:
                    EVALUATION_DAYS.find((d) => String(d) === e.currentTarget.value) ?? form.evaluationDays,
                })
              }
            >
              {EVALUATION_DAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {t('compose.evaluationDays', { count: d })}
                </option>
              ))}
            </select>
            <p id="evaluate-hint" class="hint">
              {t('compose.evaluationHint')}
            </p>
          </div>
        </fieldset>

        <fieldset class="group">
          <legend>{t('compose.approval')}</legend>
          <div class="field">
            <label for={fieldId.approvers}>{t('compose.approvers')}</label>
            <input
              id={fieldId.approvers}
              type="text"
              inputMode="email"
              autocomplete="off"
              value={form.approvers}
              aria-invalid={err(fieldId.approvers) ? 'true' : undefined}
              aria-describedby={describedBy([
                'approvers-hint',
                err(fieldId.approvers) && `${fieldId.approvers}-error`,
              ])}
              onInput={(e) => change({ approvers: e.currentTarget.value })}
            />
            <p id="approvers-hint" class="hint">
              {t('compose.approversHint')}
            </p>
            <FieldError id={fieldId.approvers} message={err(fieldId.approvers)} />
          </div>
          <fieldset class="group group-inner">
            <legend>{t('compose.rule')}</legend>
            <label class="check">
              <input
                type="radio"
                name="approval-rule"
                value="any"
                checked={form.approvalRule === 'any'}
                onChange={() => change({ approvalRule: 'any' })}
              />
              {t('compose.ruleAny')}
            </label>
            <label class="check">
              <input
                type="radio"
                name="approval-rule"
                value="all"
                checked={form.approvalRule === 'all'}
                onChange={() => change({ approvalRule: 'all' })}
              />
              {t('compose.ruleAll')}
            </label>
          </fieldset>
        </fieldset>

        {notice ? (
          <p
            class={notice.kind === 'ok' ? 'notice' : 'notice notice-error'}
            role={notice.kind === 'ok' ? 'status' : 'alert'}
          >
            {notice.text}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" class="button" disabled={busy !== undefined}>
            {t('compose.submit')}
          </button>
          <button
            type="button"
            class="button button-secondary"
            disabled={busy !== undefined}
            onClick={saveDraft}
          >
            {busy === 'saving' ? t('drafts.saving') : t('drafts.save')}
          </button>
        </div>
        {busy === 'submitting' ? (
          <p class="state" role="status">
            {t('compose.submitting')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
