import { language, useT } from '../i18n';
import { statusLabel } from '../status';
import { type Approval, type ItemView, nextStep, platformName } from './item-model';

/** Title, status in words with what happens next, platforms, and the reload button (the time is under Jadwal). */
export const ItemHeader = ({
  item,
  approvals,
  refreshing,
  onRefresh,
}: {
  item: ItemView;
  approvals: readonly Approval[] | undefined;
  refreshing: boolean;
  onRefresh: () => void;
}) => {
  const t = useT();
  const locale = language();
  return (
    <header class="item-header">
      <div class="item-heading">
        <div>
          <p class="eyebrow">{t('itemPage.eyebrow')}</p>
          <h1 id="screen-title">{item.title}</h1>
        </div>
        <button type="button" class="button button-secondary" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? t('itemPage.refreshing') : t('itemPage.refresh')}
        </button>
      </div>
      <p class="item-next">
        <span class={`status status-${item.status}`}>{statusLabel(item.status)}</span>{' '}
        <span>{nextStep(item, approvals, locale)}</span>
      </p>
      <dl class="facts">
        <div>
          <dt>{t('itemPage.platforms')}</dt>
          <dd>{item.platforms.map(platformName).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('itemPage.revisionLabel')}</dt>
          <dd>{item.revision}</dd>
        </div>
      </dl>
    </header>
  );
};
