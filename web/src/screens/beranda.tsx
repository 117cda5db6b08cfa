import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { statusLabel } from '../status';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Empty, ErrorState, Loading } from '../ui/states';

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly publishAt: string;
}
interface Dashboard {
  readonly now: string;
  readonly today: Entry[];
  readonly week: Entry[];
  readonly awaitingApproval: {
    itemId: string;
    title: string;
    approvers: { email: string; status: string }[];
    deadline: string;
  }[];
  readonly blocked: { id: string; title: string; reasons: string[] }[];
  readonly failed: { itemId: string; title: string; platform: string; reason: string; at: string }[];
  readonly urgent: { id: string; platform: string; author: string; text: string; receivedAt: string }[];
  readonly overdueFollowUps: { id: string; unit: string; dueAt: string; summary: string }[];
  /** Absent from an API older than the response-time rule. */
  readonly lateQuestions?: { count: number };
  readonly tokens: { platform: string; ok: boolean; daysLeft: number | null; message: string }[];
}

const PLATFORM: Record<string, string> = { instagram: 'Instagram', x: 'X' };
const APPROVER_STATUSES = ['pending', 'approved', 'rejected', 'changes-requested', 'expired', 'superseded'];
/** Tokens worth a line on the home page: broken, never checked, or ending within two weeks. */
const TOKEN_WARNING_DAYS = 14;

const Panel = ({ id, title, children }: { id: string; title: string; children: ComponentChildren }) => (
  <section class="panel" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
  </section>
);

/** Beranda: today and the week (WIB), what waits on whom, and what needs attention, each linking onward. */
export default function Beranda() {
  const t = useT();
  const { api } = useApp();
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const lng = language();
  const when = (iso: string) => formatWib(iso, { locale: lng });

  useEffect(() => {
    document.title = `${t('screens.beranda.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<Dashboard>('/dashboard')
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const head = (
    <>
      <h1 id="screen-title">{t('screens.beranda.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
    </>
  );
  if (error)
    return (
      <section class="screen screen-wide" aria-labelledby="screen-title">
        {head}
        <ErrorState
          message={t('home.loadFailed', { reason: error })}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      </section>
    );
  if (!data)
    return (
      <section class="screen screen-wide" aria-labelledby="screen-title">
        {head}
        <Loading label={t('home.loading')} />
      </section>
    );

  const publishing = (list: Entry[]) => (
    <ul class="entries">
      {list.map((e) => (
        <li key={e.id}>
          <a class="entry-title" href={href('item', e.id)}>
            {e.title}
          </a>
          <p class="entry-meta">
            {when(e.publishAt)} · <span class={`status status-${e.status}`}>{statusLabel(e.status)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
  const now = Date.parse(data.now);
  const tokens = data.tokens.filter(
    (k) => !k.ok || (k.daysLeft !== null && k.daysLeft <= TOKEN_WARNING_DAYS),
  );

  return (
    <section class="screen screen-wide" aria-labelledby="screen-title">
      {head}
      <p class="hint">{t('home.asOf', { when: when(data.now) })}</p>
      <div class="panels">
        <Panel id="home-today" title={t('home.today')}>
          {data.today.length ? publishing(data.today) : <Empty>{t('home.todayEmpty')}</Empty>}
        </Panel>
        <Panel id="home-week" title={t('home.week')}>
          {data.week.length ? publishing(data.week) : <Empty>{t('home.weekEmpty')}</Empty>}
        </Panel>
        <Panel id="home-waiting" title={t('home.waiting')}>
          {data.awaitingApproval.length ? (
            <ul class="entries">
              {data.awaitingApproval.map((a) => {
                const waiting = a.approvers.filter((p) => p.status === 'pending');
                return (
                  <li key={a.itemId}>
                    <a class="entry-title" href={href('item', a.itemId)}>
                      {a.title}
                    </a>
                    <p class="entry-meta">
                      {t('home.waitsFor', {
                        who: (waiting.length ? waiting : a.approvers)
                          .map(
                            (p) =>
                              `${p.email} (${t(`home.approverStatus.${APPROVER_STATUSES.includes(p.status) ? p.status : 'other'}`)})`,
                          )
                          .join(', '),
                      })}
                    </p>
                    <p class="entry-meta">
                      {t('home.deadline', { when: when(a.deadline) })}
                      {Date.parse(a.deadline) <= now ? (
                        <span class="past"> · {t('home.pastDeadline')}</span>
                      ) : null}
                    </p>
                  </li>
                );
              })}
            </ul>
          ) : (
            <Empty>{t('home.waitingEmpty')}</Empty>
          )}
        </Panel>
        <Panel id="home-blocked" title={t('home.blocked')}>
          {data.blocked.length ? (
            <ul class="entries">
              {data.blocked.map((b) => (
                <li key={b.id}>
                  <a class="entry-title" href={href('item', b.id)}>
                    {b.title}
                  </a>
                  <ul class="reasons">
                    {b.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('home.blockedEmpty')}</Empty>
          )}
        </Panel>
        <Panel id="home-failed" title={t('home.failed')}>
          {data.failed.length ? (
            <ul class="entries">
              {data.failed.map((f) => (
                <li key={`${f.itemId}-${f.platform}`}>
                  <a class="entry-title" href={href('item', f.itemId)}>
                    {f.title}
                  </a>
                  <p class="entry-meta">
                    {t('home.failedOn', { platform: PLATFORM[f.platform] ?? f.platform, when: when(f.at) })}
                  </p>
                  <p class="entry-meta">{f.reason}</p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('home.failedEmpty')}</Empty>
          )}
        </Panel>
        <Panel id="home-urgent" title={t('home.urgent')}>
          {data.urgent.length ? (
            <ul class="entries">
              {data.urgent.map((u) => (
                <li key={u.id}>
                  <p class="entry-title">{u.text}</p>
                  <p class="entry-meta">
                    {t('home.urgentFrom', {
                      author: u.author,
                      platform: PLATFORM[u.platform] ?? u.platform,
                      when: when(u.receivedAt),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('home.urgentEmpty')}</Empty>
          )}
          {data.lateQuestions?.count ? (
            <p class="past">{t('home.lateQuestions', { count: data.lateQuestions.count })}</p>
          ) : null}
          <p>
            <a href={href('kotak-masuk')}>{t('home.openInbox')}</a>
          </p>
        </Panel>
        <Panel id="home-followups" title={t('home.followUps')}>
          {data.overdueFollowUps.length ? (
            <ul class="entries">
              {data.overdueFollowUps.map((f) => (
                <li key={f.id}>
                  <p class="entry-title">{f.summary}</p>
                  <p class="entry-meta">
                    <span class="past">{t('home.followUpDue', { unit: f.unit, when: when(f.dueAt) })}</span>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('home.followUpsEmpty')}</Empty>
          )}
          <p>
            <a href={href('tindak-lanjut')}>{t('home.openFollowUps')}</a>
          </p>
        </Panel>
        <Panel id="home-tokens" title={t('home.tokens')}>
          {tokens.length ? (
            <ul class="entries">
              {tokens.map((k) => (
                <li key={k.platform}>
                  <p class="entry-title">
                    {PLATFORM[k.platform] ?? k.platform}: <span class="past">{t('home.tokenProblem')}</span>
                  </p>
                  <p class="entry-meta">{k.message}</p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('home.tokensEmpty')}</Empty>
          )}
          <CheckAccountsButton onChecked={() => setAttempt((n) => n + 1)} />
        </Panel>
      </div>
    </section>
  );
}

/** Runs the account check now (the daily one runs at 06.00 WIB): the tokens' panel shows the answer. */
const CheckAccountsButton = ({ onChecked }: { onChecked: () => void }) => {
  const t = useT();
  const { api } = useApp();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const check = async () => {
    setState('busy');
    try {
      await api.post('/platforms/check');
      setState('idle');
      onChecked();
    } catch {
      setState('failed');
    }
  };
  return (
    <div class="panel-actions">
      <button type="button" class="button button-secondary" disabled={state === 'busy'} onClick={check}>
        {state === 'busy' ? t('home.checking') : t('home.checkNow')}
      </button>
      {state === 'failed' ? (
        <p class="field-error" role="alert">
          {t('home.checkFailed')}
        </p>
      ) : null}
    </div>
  );
};
