import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useT } from '../i18n';
import { FilterForm } from '../inbox/filters';
import { MessageDetail } from '../inbox/message-detail';
import { MessageList } from '../inbox/message-list';
import { colleaguesIn, type Filters, type InboxRow, inboxQuery, type SavedReply } from '../inbox/model';
import { SavedReplies } from '../inbox/saved-replies';
import { describeError } from '../ui/errors';
import { Empty, ErrorState, Loading } from '../ui/states';
import '../inbox/inbox.css';
import type { ScreenProps } from './screen-host';

/** The filters outlive one visit: opening a message is a navigation, which starts the screen afresh. */
let lastFilters: Filters = {};

/**
 * Kotak masuk: citizens' messages, urgent first, with filters; a message opened beside the list (instead of
 * it on a phone) with the post it answers, why its label, the reply with a colleague's presence and claim,
 * follow-up, assignment, closing and history; and the team's saved replies.
 */
export default function KotakMasuk({ param }: ScreenProps) {
  const t = useT();
  const { api } = useApp();
  const [filters, setFiltersState] = useState<Filters>(lastFilters);
  const setFilters = (next: Filters) => {
    lastFilters = next;
    setFiltersState(next);
  };
  const [rows, setRows] = useState<InboxRow[]>();
  const [error, setError] = useState('');
  const [items, setItems] = useState<{ id: string; title: string }[]>([]);
  const [saved, setSaved] = useState<SavedReply[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    document.title = `${t('screens.kotakMasuk.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    let live = true;
    api
      .get<{ feedback: InboxRow[] }>(`/feedback?${inboxQuery(filters)}`)
      .then((r) => {
        if (!live) return;
        setRows(r.feedback);
        setError('');
      })
      .catch((e: unknown) => {
        if (live) setError(describeError(e));
      });
    return () => {
      live = false;
    };
  }, [api, filters, version]);

  const loadSaved = useCallback(() => {
    api
      .get<{ savedReplies: SavedReply[] }>('/saved-replies')
      .then((r) => setSaved(r.savedReplies))
      .catch(() => setSaved([]));
  }, [api]);

  useEffect(() => {
    loadSaved();
    api
      .get<{ items: { id: string; title: string }[] }>('/content?limit=50')
      .then((r) => setItems(r.items.map((i) => ({ id: i.id, title: i.title }))))
      .catch(() => setItems([]));
  }, [api, loadSaved]);

  const colleagues = useMemo(() => colleaguesIn(rows ?? [], saved), [rows, saved]);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  return (
    <section class={`screen screen-wide inbox${param ? ' inbox-open' : ''}`} aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screens.kotakMasuk.title')}</h1>
      <p class="lead">{t('inbox.intro')}</p>
      <div class="inbox-layout">
        <div class="inbox-side">
          <FilterForm value={filters} items={items} colleagues={colleagues} onChange={setFilters} />
          <section aria-labelledby="list-title">
            <h2 id="list-title">
              {t('inbox.listTitle')}
              {rows ? <span class="count"> · {t('inbox.count', { count: rows.length })}</span> : null}
            </h2>
            {error ? (
              <ErrorState message={t('inbox.loadFailed', { reason: error })} onRetry={refresh} />
            ) : !rows ? (
              <Loading label={t('inbox.loading')} />
            ) : rows.length === 0 ? (
              <Empty>{t('inbox.empty')}</Empty>
            ) : (
              <MessageList rows={rows} current={param} />
            )}
          </section>
        </div>
        <div class="inbox-main">
          {param ? (
            <MessageDetail key={param} id={param} saved={saved} colleagues={colleagues} onChanged={refresh} />
          ) : (
            <p class="notice inbox-choose">{t('inbox.choose')}</p>
          )}
          <SavedReplies saved={saved} onChanged={loadSaved} />
        </div>
      </div>
    </section>
  );
}
