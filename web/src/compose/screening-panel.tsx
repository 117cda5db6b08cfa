import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { useT } from '../i18n';
import { describeError } from '../ui/errors';

export interface ScreeningResult {
  readonly ok: boolean;
  readonly findings: readonly { field: string; message: string }[];
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly result: ScreeningResult }
  | { readonly kind: 'error'; readonly message: string };

export const SCREENING_DELAY_MS = 600;

/**
 * The personal-data screen (POST /screening) as staff type: it waits until typing pauses, and only the
 * latest answer counts. An item that names a patient would be blocked after submission; this says so before.
 */
export const useScreening = (
  api: Api,
  title: string,
  caption: string,
  altTexts: readonly string[],
): State => {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const alts = altTexts.join('\u0000');
  useEffect(() => {
    if (!title.trim() && !caption.trim() && !alts.trim()) {
      setState({ kind: 'idle' });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setState({ kind: 'checking' });
      api
        .post<ScreeningResult>('/screening', { title, caption, altTexts })
        .then((result) => {
          if (live) setState({ kind: 'done', result });
        })
        .catch((error: unknown) => {
          if (live) setState({ kind: 'error', message: describeError(error) });
        });
    }, SCREENING_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, title, caption, alts]);
  return state;
};

const FIELD_KEYS: Record<string, string> = {
  title: 'screening.fieldTitle',
  caption: 'screening.fieldCaption',
};

export const ScreeningPanel = ({ state }: { state: State }) => {
  const t = useT();
  const fieldName = (field: string) =>
    FIELD_KEYS[field] ? t(FIELD_KEYS[field]) : field.startsWith('altTexts') ? t('screening.fieldAlt') : field;
  return (
    <section class="screening" aria-labelledby="screening-title">
      <h2 id="screening-title">{t('screening.title')}</h2>
      <div aria-live="polite">
        {state.kind === 'idle' ? <p class="hint">{t('screening.idle')}</p> : null}
        {state.kind === 'checking' ? <p class="state">{t('screening.checking')}</p> : null}
        {state.kind === 'error' ? (
          <p class="field-error">{t('screening.failed', { reason: state.message })}</p>
        ) : null}
        {state.kind === 'done' && state.result.findings.length === 0 ? (
          <p class="ok">{t('screening.clear')}</p>
        ) : null}
        {state.kind === 'done' && state.result.findings.length > 0 ? (
          <div class="screening-findings">
            <p>
              <strong>{t('screening.found')}</strong>
            </p>
            <ul class="findings-list">
              {state.result.findings.map((f) => (
                <li key={`${f.field}|${f.message}`}>
                  <span class="finding-field">{fieldName(f.field)}:</span> {f.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
};
