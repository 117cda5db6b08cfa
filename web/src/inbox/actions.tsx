import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib, isWibInputValue, nowWibInput, wibInputToIso } from '../time';
import { describeError } from '../ui/errors';
import { Field, Problem } from './field';
import { type InboxDetail, personName } from './model';

const EMAIL = /^[^\s@"<>]+@[^\s@"<>]+$/;

/** Gives the message to a colleague (by email, offered from the people seen in the inbox), or to nobody. */
export const AssignForm = ({
  f,
  colleagues,
  onChanged,
}: {
  f: InboxDetail;
  colleagues: readonly string[];
  onChanged: (said: string) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const assign = async (next: string | null) => {
    setProblem('');
    if (next !== null && !EMAIL.test(next.trim())) return setProblem(t('inbox.actions.badEmail'));
    setBusy(true);
    try {
      await api.post(`/feedback/${encodeURIComponent(f.id)}/assign`, {
        to: next?.trim().toLowerCase() ?? null,
      });
      setTo('');
      onChanged(
        next
          ? t('inbox.actions.assigned', { name: personName(next.trim().toLowerCase()) })
          : t('inbox.actions.unassigned'),
      );
    } catch (error) {
      setProblem(describeError(error, t('inbox.actions.assignConflict')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void assign(to);
      }}
    >
      <p>
        {f.assignedTo
          ? t('inbox.actions.nowWith', { name: personName(f.assignedTo) })
          : t('inbox.actions.nobody')}
      </p>
      <Field
        id="assign-to"
        label={t('inbox.actions.assignTo')}
        hintId="assign-hint"
        hint={t('inbox.actions.assignHint')}
        problem={problem}
      >
        <input
          id="assign-to"
          type="email"
          list="colleagues"
          autocomplete="email"
          value={to}
          aria-describedby="assign-hint"
          aria-invalid={problem ? 'true' : undefined}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
        <datalist id="colleagues">
          {colleagues.map((c) => (
            <option key={c} value={c}>
              {personName(c)}
            </option>
          ))}
        </datalist>
      </Field>
      <div class="actions">
        <button type="submit" class="button button-secondary" disabled={busy}>
          {t('inbox.actions.assign')}
        </button>
        {f.assignedTo ? (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy}
            onClick={() => void assign(null)}
          >
            {t('inbox.actions.unassign')}
          </button>
        ) : null}
      </div>
    </form>
  );
};

/** `Jadikan tindak lanjut`: hands the message to a unit with a due date (POST /feedback/{id}/follow-ups). */
export const FollowUpForm = ({ f, onChanged }: { f: InboxDetail; onChanged: (said: string) => void }) => {
  const t = useT();
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [unit, setUnit] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ unit?: string; due?: string; form?: string }>({});

  if (f.followUpId && !open)
    return (
      <p>
        {t('inbox.followUp.exists')} <a href={href('tindak-lanjut')}>{t('inbox.followUp.seeBoard')}</a>
      </p>
    );

  if (!open)
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
        {t('inbox.followUp.open')}
      </button>
    );

  const save = async (e: Event) => {
    e.preventDefault();
    const found: typeof problems = {};
    if (unit.trim().length < 2 || unit.trim().length > 120) found.unit = t('inbox.followUp.unitTooShort');
    if (due && (!isWibInputValue(due) || Date.parse(wibInputToIso(due)) <= Date.now()))
      found.due = t('inbox.followUp.badDue');
    setProblems(found);
    if (found.unit || found.due) return;
    setBusy(true);
    try {
      const created = await api.post<{ unit: string; dueAt: string }>(
        `/feedback/${encodeURIComponent(f.id)}/follow-ups`,
        {
          unit: unit.trim(),
          ...(due ? { dueAt: wibInputToIso(due) } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      );
      setOpen(false);
      onChanged(
        t('inbox.followUp.saved', {
          unit: created.unit,
          when: formatWib(created.dueAt, { locale: language() }),
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        setProblems({ form: t('inbox.followUp.conflict') });
      else if (error instanceof ApiError && error.issues.some((i) => i.path === 'dueAt'))
        setProblems({ due: t('inbox.followUp.badDue') });
      else if (error instanceof ApiError && error.issues.some((i) => i.path === 'unit'))
        setProblems({ unit: t('inbox.followUp.unitTooShort') });
      else setProblems({ form: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline-form follow-up-form" onSubmit={save} noValidate aria-labelledby="follow-up-title">
      <h4 id="follow-up-title">{t('inbox.followUp.title')}</h4>
      <Field
        id="fu-unit"
        label={t('inbox.followUp.unit')}
        hintId="fu-unit-hint"
        hint={t('inbox.followUp.unitHint')}
        problem={problems.unit}
      >
        <input
          id="fu-unit"
          type="text"
          value={unit}
          aria-describedby="fu-unit-hint"
          aria-invalid={problems.unit ? 'true' : undefined}
          onInput={(e) => setUnit(e.currentTarget.value)}
        />
      </Field>
      <Field
        id="fu-due"
        label={t('inbox.followUp.due')}
        hintId="fu-due-hint"
        hint={t('inbox.followUp.dueHint')}
        problem={problems.due}
      >
        <input
          id="fu-due"
          type="datetime-local"
          min={nowWibInput()}
          value={due}
          aria-describedby="fu-due-hint"
          aria-invalid={problems.due ? 'true' : undefined}
          onInput={(e) => setDue(e.currentTarget.value)}
        />
      </Field>
      <div class="field">
        <label for="fu-note">{t('inbox.followUp.note')}</label>
        <textarea id="fu-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <Problem message={problems.form} />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('inbox.followUp.saving') : t('inbox.followUp.save')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => setOpen(false)}>
          {t('inbox.followUp.cancel')}
        </button>
      </div>
    </form>
  );
};

/** Closes the message with a note saying how it was handled. */
export const CloseForm = ({ f, onChanged }: { f: InboxDetail; onChanged: (said: string) => void }) => {
  const t = useT();
  const { api } = useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  if (f.status === 'closed') return <p>{t('inbox.actions.alreadyClosed')}</p>;

  const close = async (e: Event) => {
    e.preventDefault();
    setProblem('');
    if (!note.trim()) return setProblem(t('inbox.actions.closeEmpty'));
    setBusy(true);
    try {
      await api.post(`/feedback/${encodeURIComponent(f.id)}/close`, { note: note.trim() });
      onChanged(t('inbox.actions.closedDone'));
    } catch (error) {
      setProblem(describeError(error, t('inbox.actions.alreadyClosed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline-form" onSubmit={close} noValidate>
      <Field
        id="close-note"
        label={t('inbox.actions.closeNote')}
        hintId="close-hint"
        hint={t('inbox.actions.closeHint')}
        problem={problem}
      >
        <textarea
          id="close-note"
          rows={2}
          value={note}
          aria-describedby="close-hint"
          aria-invalid={problem ? 'true' : undefined}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="button button-secondary" disabled={busy}>
        {busy ? t('inbox.actions.closing') : t('inbox.actions.close')}
      </button>
    </form>
  );
};
