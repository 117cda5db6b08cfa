import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Field } from './field';
import {
  fillSavedReply,
  type InboxDetail,
  personName,
  platformName,
  type SavedReply,
  type Writer,
  wibClock,
} from './model';

/** The console renews its lease on writing this often; the server lets one lapse after 45 s. */
const HEARTBEAT_MS = 15_000;

/** Why a reply lost to a colleague's, in words, from the message as it is now. */
const lostTo = (now: InboxDetail, seen: number, t: ReturnType<typeof useT>): string => {
  const replies = now.replies ?? [];
  const winner = replies[replies.length - 1];
  if (now.status === 'closed') return t('inbox.reply.closedBy', { name: personName(now.closedBy ?? '') });
  if (winner && replies.length > seen) {
    const { time, today } = wibClock(winner.at);
    return today
      ? t('inbox.reply.answeredBy', { name: personName(winner.by), time })
      : t('inbox.reply.answeredByOn', {
          name: personName(winner.by),
          when: formatWib(winner.at, { locale: language() }),
        });
  }
  if (now.replyClaim) return t('inbox.reply.answeringBy', { name: personName(now.replyClaim.by) });
  return t('errors.conflict');
};

/**
 * `Balasan` and `Kirim balasan`, with saved replies filled in the box, the colleagues writing to the same
 * citizen (a lease renewed every 15 s while the box has text), and a reply that lost to a colleague's or
 * failed on the platform kept in the box with the reason in words.
 */
export const ReplyBox = ({
  f,
  saved,
  onSent,
  reload,
}: {
  f: InboxDetail;
  saved: readonly SavedReply[];
  onSent: (said: string) => void;
  reload: () => Promise<InboxDetail | undefined>;
}) => {
  const t = useT();
  const { api } = useApp();
  const [text, setText] = useState('');
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [writing, setWriting] = useState<readonly Writer[]>(f.writing ?? []);
  const textRef = useRef(text);
  textRef.current = text;
  const path = `/feedback/${encodeURIComponent(f.id)}`;
  const hasText = text.trim() !== '';

  const beat = async (active: boolean) => {
    try {
      const r = await api.post<{ writing: Writer[] }>(`${path}/writing`, { active });
      setWriting(r.writing);
    } catch {
      // Presence is a courtesy: a missed heartbeat changes nothing else.
    }
  };

  useEffect(() => {
    setWriting(f.writing ?? []);
  }, [f]);

  useEffect(() => {
    void beat(hasText);
  }, [hasText, path]);

  useEffect(() => {
    const timer = setInterval(() => void beat(textRef.current.trim() !== ''), HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void beat(false);
    };
  }, [path]);

  if (f.status === 'closed' || f.deletedAt) {
    return (
      <section class="inbox-part" aria-labelledby="reply-title">
        <h3 id="reply-title">{t('inbox.reply.title')}</h3>
        <p class="hint">
          {f.deletedAt
            ? t('inbox.detail.deleted', { platform: platformName(f.platform) })
            : t('inbox.reply.closed')}
        </p>
      </section>
    );
  }

  const useSaved = () => {
    const s = saved.find((r) => r.id === choice);
    if (s) setText(fillSavedReply(s.text, f));
  };

  const send = async (e: Event) => {
    e.preventDefault();
    setProblem('');
    if (!hasText) return setProblem(t('inbox.reply.empty'));
    const seen = f.replies?.length ?? 0;
    setBusy(true);
    try {
      await api.post(`${path}/reply`, { text: text.trim(), seenReplies: seen });
      setText('');
      onSent(t('inbox.reply.sent', { platform: platformName(f.platform) }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const now = await reload();
        setProblem(now ? lostTo(now, seen, t) : t('errors.conflict'));
      } else if (error instanceof ApiError && error.status === 502) {
        setProblem(t('inbox.reply.failed', { platform: platformName(f.platform) }));
        void reload();
      } else if (error instanceof ApiError && error.status === 400 && f.platform === 'x') {
        setProblem(t('inbox.reply.tooLong'));
      } else {
        setProblem(describeError(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="inbox-part" aria-labelledby="reply-title">
      <h3 id="reply-title">{t('inbox.reply.title')}</h3>
      <p class="writing" role="status">
        {writing.map((w) => t('inbox.reply.writing', { name: personName(w.by) })).join(' ')}
      </p>
      {saved.length ? (
        <div class="field saved-pick">
          <label for="saved-choice">{t('inbox.reply.saved')}</label>
          <div class="with-suffix">
            <select id="saved-choice" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="">{t('inbox.reply.choose')}</option>
              {saved.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <button type="button" class="button button-secondary" disabled={!choice} onClick={useSaved}>
              {t('inbox.reply.useSaved')}
            </button>
          </div>
          <p class="hint">{t('inbox.reply.savedHint')}</p>
        </div>
      ) : null}
      <form onSubmit={send} noValidate>
        <Field
          id="reply-text"
          label={t('inbox.reply.box')}
          hintId="reply-hint"
          hint={f.platform === 'x' ? t('inbox.reply.hintX') : t('inbox.reply.hintInstagram')}
          problem={problem}
        >
          <textarea
            id="reply-text"
            rows={4}
            value={text}
            aria-describedby="reply-hint"
            aria-invalid={problem ? 'true' : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('inbox.reply.sending') : t('inbox.reply.send')}
        </button>
      </form>
    </section>
  );
};
