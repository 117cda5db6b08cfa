import { language, useT } from '../i18n';
import { type Count, instagramCounts, xPreview } from './counters';

const number = (n: number) => n.toLocaleString(language() === 'en' ? 'en-GB' : 'id-ID');

const Meter = ({ label, count }: { label: string; count: Count }) => (
  <li class={count.over ? 'meter meter-over' : 'meter'}>
    <span>{label}</span>{' '}
    <strong>
      {number(count.used)} / {number(count.limit)}
    </strong>
  </li>
);

/**
 * Live counters per chosen platform, and the X thread exactly as the server will split it. Only the
 * over-limit sentences are announced (politely); the numbers themselves update silently.
 */
export const CaptionCounters = ({
  caption,
  instagram,
  x,
}: {
  caption: string;
  instagram: boolean;
  x: boolean;
}) => {
  const t = useT();
  const ig = instagramCounts(caption);
  const xp = xPreview(caption);
  const warnings: string[] = [];
  if (instagram && ig.characters.over) warnings.push(t('counters.igCharactersOver'));
  if (instagram && ig.hashtags.over) warnings.push(t('counters.igHashtagsOver'));
  if (instagram && ig.mentions.over) warnings.push(t('counters.igMentionsOver'));
  if (x && xp.tooLong) warnings.push(t('counters.xThreadOver', { max: xp.maxPosts }));
  return (
    <div class="counters" id="caption-counters">
      {instagram ? (
        <section class="counter-box" aria-labelledby="counter-ig">
          <h3 id="counter-ig">Instagram</h3>
          <ul>
            <Meter label={t('counters.characters')} count={ig.characters} />
            <Meter label={t('counters.hashtags')} count={ig.hashtags} />
            <Meter label={t('counters.mentions')} count={ig.mentions} />
          </ul>
        </section>
      ) : null}
      {x ? (
        <section class="counter-box" aria-labelledby="counter-x">
          <h3 id="counter-x">X</h3>
          <ul>
            <Meter
              label={t('counters.weighted')}
              // Over 280 is not an error on X: the caption becomes a thread (shown below).
              count={{ used: xp.weighted, limit: xp.limit, over: false }}
            />
            <li class={xp.tooLong ? 'meter meter-over' : 'meter'}>
              <span>{t('counters.posts')}</span>{' '}
              <strong>
                {xp.posts.length} / {xp.maxPosts}
              </strong>
            </li>
          </ul>
          {xp.posts.length === 1 ? <p class="hint">{t('counters.singlePost')}</p> : null}
        </section>
      ) : null}
      {x && xp.posts.length > 1 ? (
        <details class="thread" open>
          <summary>{t('counters.threadTitle', { count: xp.posts.length })}</summary>
          <ol>
            {xp.posts.map((p, i) => (
              <li key={i}>
                <p class="post-text">{p.text}</p>
                <p class="hint">{t('counters.postLength', { used: p.weighted, limit: xp.limit })}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div aria-live="polite" class="counter-warnings">
        {warnings.map((w) => (
          <p key={w} class="field-error">
            {w}
          </p>
        ))}
      </div>
    </div>
  );
};
