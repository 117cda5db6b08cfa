import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import {
  CATEGORIES,
  type Cue,
  categoryName,
  type HistoryEvent,
  type InboxDetail,
  LABELS,
  labelName,
  personName,
  platformName,
} from './model';

/** The post a message answers: the item's first image, title and caption, and a link to its page. */
export const PostPreview = ({ f }: { f: InboxDetail }) => {
  const t = useT();
  const [broken, setBroken] = useState(false);
  return (
    <section class="inbox-part" aria-labelledby="post-title">
      <h3 id="post-title">{t('inbox.post.title')}</h3>
      {!f.itemId ? (
        <p class="hint">{t('inbox.post.none')}</p>
      ) : !f.post ? (
        <p class="hint">{t('inbox.post.missing')}</p>
      ) : (
        <div class="post-preview">
          {f.post.image && !broken ? (
            <img
              class="post-image"
              src={f.post.image.url}
              alt={f.post.image.altText}
              width={120}
              height={150}
              onError={() => setBroken(true)}
            />
          ) : (
            <p class="hint">{t('inbox.post.noImage')}</p>
          )}
          <div class="post-body">
            <p class="post-title">{f.post.title}</p>
            <p class="post-caption">{f.post.caption}</p>
            <a href={href('item', f.post.itemId)}>{t('inbox.post.openItem', { title: f.post.title })}</a>
          </div>
        </div>
      )}
    </section>
  );
};

const cueList = (cues: readonly Cue[], t: ReturnType<typeof useT>): string =>
  cues
    .map((c) => {
      const shown = c.kind === 'word' ? `“${c.text}”` : c.text;
      return c.negated ? t('inbox.why.negated', { cue: shown }) : shown;
    })
    .join(', ');

/** The label, category and urgent flag, why they are what they are, and `Ubah label` to correct them. */
export const LabelReason = ({ f, onChanged }: { f: InboxDetail; onChanged: (said: string) => void }) => {
  const t = useT();
  const { api } = useApp();
  const locale = language();
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(f.label ?? 'question');
  const [category, setCategory] = useState(f.category ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const why = f.why;

  const save = async (e: Event) => {
    e.preventDefault();
    setProblem('');
    const to = { label, category: label === 'complaint' ? category || null : null };
    if (to.label === 'complaint' && !to.category) return setProblem(t('inbox.why.needsCategory'));
    if (to.label === f.label && to.category === (f.category ?? null))
      return setProblem(t('inbox.why.unchanged'));
    setBusy(true);
    try {
      await api.post(`/feedback/${encodeURIComponent(f.id)}/label`, to);
      setEditing(false);
      onChanged(t('inbox.why.saved', { label: labelName(to.label) }));
    } catch (error) {
      setProblem(describeError(error, t('inbox.why.conflict')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="inbox-part" aria-labelledby="why-title">
      <h3 id="why-title">{t('inbox.why.title')}</h3>
      <dl class="why-facts">
        <div>
          <dt>{t('inbox.why.label')}</dt>
          <dd>{f.label ? labelName(f.label) : t('inbox.unclassified')}</dd>
        </div>
        {f.category ? (
          <div>
            <dt>{t('inbox.why.category')}</dt>
            <dd>{categoryName(f.category)}</dd>
          </div>
        ) : null}
        {f.urgent ? (
          <div>
            <dt>{t('inbox.why.urgent')}</dt>
            <dd>✓</dd>
          </div>
        ) : null}
      </dl>
      {why?.source === 'staff' ? (
        <p>
          {t('inbox.why.byStaff', {
            name: personName(why.by ?? ''),
            when: formatWib(why.at ?? '', { locale }),
          })}
        </p>
      ) : why ? (
        <ul class="cues">
          {why.labelCues.length ? (
            <li>
              {t('inbox.why.labelCues')} {cueList(why.labelCues, t)}
            </li>
          ) : (
            <li>{t('inbox.why.noCues')}</li>
          )}
          {why.categoryCues.length ? (
            <li>
              {t('inbox.why.categoryCues')} {cueList(why.categoryCues, t)}
            </li>
          ) : null}
          {why.urgentCues.length ? (
            <li>
              {t('inbox.why.urgentCues')} {cueList(why.urgentCues, t)}
            </li>
          ) : null}
        </ul>
      ) : null}
      {why && !why.current ? <p class="notice">{t('inbox.why.stale')}</p> : null}
      {!editing ? (
        <button type="button" class="button button-secondary" onClick={() => setEditing(true)}>
          {t('inbox.why.change')}
        </button>
      ) : (
        <form class="inline-form" onSubmit={save} noValidate>
          <div class="field">
            <label for="new-label">{t('inbox.why.newLabel')}</label>
            <select id="new-label" value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
              {LABELS.map((l) => (
                <option key={l} value={l}>
                  {labelName(l)}
                </option>
              ))}
            </select>
          </div>
          {label === 'complaint' ? (
            <div class="field">
              <label for="new-category">{t('inbox.why.newCategory')}</label>
              <select id="new-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
                <option value="">—</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {categoryName(c)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {problem ? (
            <p class="field-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {busy ? t('inbox.why.saving') : t('inbox.why.save')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('inbox.why.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};

const labelWords = (v: { label: string | null; category: string | null }): string =>
  v.label
    ? `${labelName(v.label)}${v.category ? ` (${categoryName(v.category)})` : ''}`
    : labelName('unclassified');

const eventWords = (e: HistoryEvent, f: InboxDetail, t: ReturnType<typeof useT>): string => {
  switch (e.kind) {
    case 'received':
      return t('inbox.history.received', { platform: platformName(f.platform) });
    case 'classified':
      return t(e.urgent ? 'inbox.history.classifiedUrgent' : 'inbox.history.classified', {
        label: labelWords(e),
      });
    case 'replied':
      return t('inbox.history.replied', { name: personName(e.by), text: e.text });
    case 'reply-failed':
      return t('inbox.history.replyFailed', { name: personName(e.by) });
    case 'assigned':
      return e.to
        ? t('inbox.history.assigned', { by: personName(e.by), name: personName(e.to) })
        : t('inbox.history.unassigned', { by: personName(e.by) });
    case 'relabelled':
      return t('inbox.history.relabelled', {
        by: personName(e.by),
        from: labelWords(e.from),
        to: labelWords(e.to),
      });
    case 'closed':
      return e.by
        ? t('inbox.history.closed', { name: personName(e.by), note: e.note ?? '' })
        : t('inbox.history.closedPlain');
    case 'deleted':
      return t('inbox.history.deleted');
  }
};

/** Everything that happened to the message, oldest first, each with its time in WIB. */
export const History = ({ f }: { f: InboxDetail }) => {
  const t = useT();
  const locale = language();
  return (
    <section class="inbox-part" aria-labelledby="history-title">
      <h3 id="history-title">{t('inbox.history.title')}</h3>
      <ol class="history">
        {f.history.map((e, i) => (
          <li key={`${e.kind}-${e.at}-${i}`}>
            <time dateTime={e.at}>{formatWib(e.at, { locale })}</time>
            <span>{eventWords(e, f, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
};
