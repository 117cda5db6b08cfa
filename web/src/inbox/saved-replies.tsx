import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Field, Problem } from './field';
import { personName, type SavedReply } from './model';

const KNOWN = ['nama', 'platform'];
const placeholdersOk = (text: string) =>
  [...text.matchAll(/\{([^{}\s]{1,30})\}/g)].every((m) => KNOWN.includes(m[1] ?? ''));

/** The team's saved replies: add, edit (from the version seen) and delete, with placeholders explained. */
export const SavedReplies = ({
  saved,
  onChanged,
}: {
  saved: readonly SavedReply[];
  onChanged: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const locale = language();
  const [editing, setEditing] = useState<SavedReply | 'new'>();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<{ title?: string; text?: string; form?: string }>({});
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);

  const start = (s: SavedReply | 'new') => {
    setEditing(s);
    setTitle(s === 'new' ? '' : s.title);
    setText(s === 'new' ? '' : s.text);
    setProblems({});
    setSaid('');
  };

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      setProblems({ form: t('inbox.saved.conflict') });
      onChanged();
    } else setProblems({ form: describeError(error) });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const found: typeof problems = {};
    if (title.trim().length < 2 || title.trim().length > 80) found.title = t('inbox.saved.titleInvalid');
    if (!text.trim() || !placeholdersOk(text)) found.text = t('inbox.saved.textInvalid');
    setProblems(found);
    if (found.title || found.text || !editing) return;
    setBusy(true);
    try {
      const body = { title: title.trim(), text: text.trim() };
      if (editing === 'new') await api.post('/saved-replies', body);
      else
        await api.put(`/saved-replies/${encodeURIComponent(editing.id)}`, {
          ...body,
          version: editing.version,
        });
      setSaid(t(editing === 'new' ? 'inbox.saved.created' : 'inbox.saved.updated', { title: body.title }));
      setEditing(undefined);
      onChanged();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (s: SavedReply) => {
    setBusy(true);
    setSaid('');
    try {
      await api.del(`/saved-replies/${encodeURIComponent(s.id)}?version=${s.version}`);
      setSaid(t('inbox.saved.removed', { title: s.title }));
      onChanged();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="inbox-part saved-replies" aria-labelledby="saved-title">
      <h2 id="saved-title">{t('inbox.saved.title')}</h2>
      <p class="hint">{t('inbox.saved.intro')}</p>
      <p class="visually-hidden" role="status">
        {said}
      </p>
      {said ? <p class="notice">{said}</p> : null}
      {saved.length === 0 ? <p class="state state-empty">{t('inbox.saved.empty')}</p> : null}
      <ul class="saved-list">
        {saved.map((s) => (
          <li key={s.id}>
            <p class="saved-title">{s.title}</p>
            <p class="saved-text">{s.text}</p>
            <p class="hint">
              {t('inbox.saved.by', {
                name: personName(s.updatedBy),
                when: formatWib(s.updatedAt, { locale }),
              })}
            </p>
            <div class="actions">
              <button
                type="button"
                class="button button-secondary"
                aria-label={t('inbox.saved.edit', { title: s.title })}
                onClick={() => start(s)}
              >
                {t('inbox.saved.editShort')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={busy}
                aria-label={t('inbox.saved.remove', { title: s.title })}
                onClick={() => void remove(s)}
              >
                {t('inbox.saved.removeShort')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form class="inline-form" onSubmit={save} noValidate>
          <Field id="saved-name" label={t('inbox.saved.name')} problem={problems.title}>
            <input
              id="saved-name"
              type="text"
              value={title}
              aria-invalid={problems.title ? 'true' : undefined}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          </Field>
          <Field id="saved-text" label={t('inbox.saved.text')} problem={problems.text}>
            <textarea
              id="saved-text"
              rows={3}
              value={text}
              aria-invalid={problems.text ? 'true' : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
          <Problem message={problems.form} />
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {editing === 'new' ? t('inbox.saved.save') : t('inbox.saved.update')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setEditing(undefined)}>
              {t('inbox.saved.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="button button-secondary" onClick={() => start('new')}>
          {t('inbox.saved.add')}
        </button>
      )}
    </section>
  );
};
