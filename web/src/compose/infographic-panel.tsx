import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SIZES as SIZE_PIXELS,
  type SizeName,
  TEMPLATES,
  type Template,
} from '../../../functions/domain/infographics/kinds';
import { type Api, ApiError } from '../api';
import { useT } from '../i18n';
import { describeError } from '../ui/errors';
import { describedBy, FieldError } from './field-bits';
import { type ImageEntry, localId, type PlatformName } from './form';
import { fetchPreview } from './upload';

/**
 * "Buat infografis": a table pasted from a spreadsheet (or a CSV file) becomes images through
 * POST /infographics, one per size, each shown with the alt text the server wrote from the same data.
 * Attaching adds them to the item like uploaded images; made for Instagram and X at once, each image is
 * published on its own platform only.
 */

// The server's own lists (a module without the validation code).
const SIZES = Object.keys(SIZE_PIXELS) as SizeName[];
type Size = SizeName;

const platformOfSize = (size: Size): PlatformName => (size === 'x-landscape' ? 'x' : 'instagram');
const MAX_TABLE_CHARS = 60_000;
const MAX_ALT = 1000;

interface Made {
  readonly size: Size;
  readonly s3Key: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly contentType: string;
  readonly previewUrl: string;
  altText: string;
}

interface Request {
  readonly template: Template;
  readonly title: string;
  readonly subtitle: string;
  readonly source: string;
  readonly table: string;
  readonly format: 'png' | 'jpeg';
}

/** What the server names as `data.rows[2].label` is, in the pasted table, its 4th line (line 1 is the header). */
const inTableWords = (message: string, row: (line: number) => string): string =>
  message.replace(/data\.(?:rows|points)\[(\d+)\](?:\.\w+)?/g, (_m, i: string) => row(Number(i) + 2));

const defaultSizes = (chosen: readonly PlatformName[]): Size[] => [
  ...(chosen.includes('instagram') || chosen.length === 0 ? (['instagram-portrait'] as const) : []),
  ...(chosen.includes('x') ? (['x-landscape'] as const) : []),
];

export const InfographicPanel = ({
  api,
  itemTitle,
  chosen,
  onAttach,
  onClose,
}: {
  api: Api;
  itemTitle: string;
  chosen: readonly PlatformName[];
  onAttach: (images: ImageEntry[]) => void;
  onClose: () => void;
}) => {
  const t = useT();
  const [request, setRequest] = useState<Request>({
    template: 'bar',
    title: itemTitle.trim().slice(0, 150),
    subtitle: '',
    source: '',
    table: '',
    format: 'png',
  });
  const [sizes, setSizes] = useState<Size[]>(() => defaultSizes(chosen));
  const [progress, setProgress] = useState<{ n: number; total: number }>();
  const [problem, setProblem] = useState<{ field: string; message: string }>();
  const [fileNote, setFileNote] = useState<string>();
  const [made, setMade] = useState<Made[]>([]);
  const [madeFrom, setMadeFrom] = useState<string>();
  const [altErrors, setAltErrors] = useState<Record<string, string>>({});
  const [attaching, setAttaching] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const results = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const signature = JSON.stringify({ request, sizes });
  const stale = made.length > 0 && madeFrom !== signature;
  const change = (values: Partial<Request>) => {
    setRequest((r) => ({ ...r, ...values }));
    setProblem(undefined);
  };

  const readFile = async (file: File | undefined) => {
    setFileNote(undefined);
    if (!file) return;
    if (file.size > MAX_TABLE_CHARS) {
      setFileNote(t('infographic.fileTooLarge'));
      return;
    }
    try {
      change({ table: await file.text() });
      setFileNote(t('infographic.fileRead', { name: file.name }));
    } catch {
      setFileNote(t('infographic.fileFailed'));
    }
  };

  const preview = async () => {
    setProblem(undefined);
    if (!request.title.trim()) return setProblem({ field: 'ig-title', message: t('infographic.needTitle') });
    if (!request.table.trim()) return setProblem({ field: 'ig-table', message: t('infographic.needTable') });
    if (sizes.length === 0) return setProblem({ field: 'ig-size-0', message: t('infographic.needSize') });
    const order = SIZES.filter((s) => sizes.includes(s));
    const out: Made[] = [];
    try {
      for (const [i, size] of order.entries()) {
        setProgress({ n: i + 1, total: order.length });
        const r = await api.post<Omit<Made, 'size'>>('/infographics', {
          template: request.template,
          title: request.title.trim(),
          ...(request.subtitle.trim() ? { subtitle: request.subtitle.trim() } : {}),
          ...(request.source.trim() ? { source: request.source.trim() } : {}),
          size,
          format: request.format,
          csv: request.table,
        });
        out.push({ ...r, size });
      }
      setMade(out);
      setMadeFrom(signature);
      setAltErrors({});
      requestAnimationFrame(() => results.current?.focus());
    } catch (e) {
      const reason =
        e instanceof ApiError && e.status === 400
          ? inTableWords(e.message, (line) => t('infographic.row', { line }))
          : describeError(e);
      setProblem({ field: 'ig-table', message: t('infographic.refused', { reason }) });
    } finally {
      setProgress(undefined);
    }
  };

  const attach = async () => {
    const errors: Record<string, string> = {};
    for (const m of made) {
      const alt = m.altText.trim();
      if (!alt) errors[m.size] = t('infographic.altRequired');
      else if (alt.length > MAX_ALT) errors[m.size] = t('infographic.altTooLong');
    }
    setAltErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`ig-alt-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    // Made for both platforms: each image goes to its own platform. One platform's sizes only: to all.
    const covers = new Set(made.map((m) => platformOfSize(m.size)));
    const split = covers.size > 1;
    setAttaching(true);
    const entries = await Promise.all(
      made.map(async (m): Promise<ImageEntry> => {
        const platforms = split ? [platformOfSize(m.size)] : undefined;
        const base: ImageEntry = {
          localId: localId('i'),
          fileName: `${t(`infographic.sizeNames.${m.size}`)}.${m.contentType === 'image/jpeg' ? 'jpg' : 'png'}`,
          state: 'ready',
          progress: 1,
          key: m.s3Key,
          altText: m.altText.trim(),
          ...(platforms ? { platforms } : {}),
        };
        const original = {
          url: m.previewUrl,
          width: m.width,
          height: m.height,
          bytes: m.bytes,
          contentType: m.contentType,
          changes: [],
          original: true,
        };
        if (platforms?.[0] === 'x') return { ...base, preview: original };
        try {
          return { ...base, preview: await fetchPreview(api, m.s3Key) };
        } catch (error) {
          return { ...base, state: 'failed', error: describeError(error) };
        }
      }),
    );
    setAttaching(false);
    onAttach(entries);
  };

  const err = (field: string) => (problem?.field === field ? problem.message : undefined);
  // A refusal moves focus to the field it belongs to; the field's description reads the message.
  useEffect(() => {
    if (problem) document.getElementById(problem.field)?.focus();
  }, [problem]);

  return (
    <section id="infographic-panel" class="infographic-panel" aria-labelledby="infographic-title">
      <h2 id="infographic-title" tabIndex={-1} ref={heading}>
        {t('infographic.title')}
      </h2>
      <p class="hint">{t('infographic.intro')}</p>

      <div class="field">
        <label for="ig-template">{t('infographic.template')}</label>
        <select
          id="ig-template"
          value={request.template}
          aria-describedby="ig-columns"
          onChange={(e) => {
            const v = TEMPLATES.find((x) => x === e.currentTarget.value);
            if (v) change({ template: v });
          }}
        >
          {TEMPLATES.map((x) => (
            <option key={x} value={x}>
              {t(`infographic.templates.${x}`)}
            </option>
          ))}
        </select>
        <p id="ig-columns" class="hint">
          {t(`infographic.columns.${request.template}`)}
        </p>
      </div>

      <div class="field">
        <label for="ig-title">{t('infographic.imageTitle')}</label>
        <input
          id="ig-title"
          type="text"
          maxLength={150}
          value={request.title}
          aria-invalid={err('ig-title') ? 'true' : undefined}
          aria-describedby={describedBy(['ig-title-hint', err('ig-title') && 'ig-title-error'])}
          onInput={(e) => change({ title: e.currentTarget.value })}
        />
        <p id="ig-title-hint" class="hint">
          {t('infographic.imageTitleHint')}
        </p>
        <FieldError id="ig-title" message={err('ig-title')} />
      </div>
      <div class="field">
        <label for="ig-subtitle">{t('infographic.subtitle')}</label>
        <input
          id="ig-subtitle"
          type="text"
          maxLength={200}
          value={request.subtitle}
          onInput={(e) => change({ subtitle: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="ig-source">{t('infographic.source')}</label>
        <input
          id="ig-source"
          type="text"
          maxLength={200}
          value={request.source}
          aria-describedby="ig-source-hint"
          onInput={(e) => change({ source: e.currentTarget.value })}
        />
        <p id="ig-source-hint" class="hint">
          {t('infographic.sourceHint')}
        </p>
      </div>

      <div class="field">
        <label for="ig-table">{t('infographic.table')}</label>
        <textarea
          id="ig-table"
          rows={8}
          spellcheck={false}
          maxLength={MAX_TABLE_CHARS}
          value={request.table}
          class="table-input"
          aria-invalid={err('ig-table') ? 'true' : undefined}
          aria-describedby={describedBy(['ig-table-hint', err('ig-table') && 'ig-table-error'])}
          onInput={(e) => change({ table: e.currentTarget.value })}
        />
        <p id="ig-table-hint" class="hint">
          {t('infographic.tableHint')}
        </p>
        <FieldError id="ig-table" message={err('ig-table')} />
        <div class="infographic-table-actions">
          <button
            type="button"
            class="button button-secondary button-quiet"
            onClick={() => change({ table: t(`infographic.exampleTable.${request.template}`) })}
          >
            {t('infographic.example')}
          </button>
        </div>
      </div>
      <div class="field">
        <label for="ig-file">{t('infographic.file')}</label>
        <input
          id="ig-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby={fileNote ? 'ig-file-note' : undefined}
          onChange={(e) => {
            void readFile(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
        {fileNote ? (
          <p id="ig-file-note" class="hint" role="status">
            {fileNote}
          </p>
        ) : null}
      </div>

      <fieldset class="group group-inner">
        <legend>{t('infographic.sizes')}</legend>
        <div class="checks checks-column">
          {SIZES.map((size, i) => (
            <label class="check" key={size}>
              <input
                id={`ig-size-${i}`}
                type="checkbox"
                checked={sizes.includes(size)}
                aria-describedby={describedBy([
                  'ig-sizes-hint',
                  i === 0 && err('ig-size-0') && 'ig-size-0-error',
                ])}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setSizes((list) => (on ? [...list, size] : list.filter((s) => s !== size)));
                  setProblem(undefined);
                }}
              />
              {t(`infographic.sizeNames.${size}`)}
            </label>
          ))}
        </div>
        <p id="ig-sizes-hint" class="hint">
          {t('infographic.sizesHint')}
        </p>
        <FieldError id="ig-size-0" message={err('ig-size-0')} />
      </fieldset>

      <fieldset class="group group-inner">
        <legend>{t('infographic.format')}</legend>
        <label class="check">
          <input
            type="radio"
            name="ig-format"
            checked={request.format === 'png'}
            onChange={() => change({ format: 'png' })}
          />
          {t('infographic.png')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="ig-format"
            checked={request.format === 'jpeg'}
            onChange={() => change({ format: 'jpeg' })}
          />
          {t('infographic.jpeg')}
        </label>
      </fieldset>

      <div class="actions">
        <button type="button" class="button" disabled={progress !== undefined} onClick={preview}>
          {made.length ? t('infographic.previewAgain') : t('infographic.preview')}
        </button>
        <button type="button" class="button button-secondary" onClick={onClose}>
          {t('infographic.close')}
        </button>
      </div>
      {progress ? (
        <p class="state" role="status">
          {t('infographic.making', progress)}
        </p>
      ) : null}

      {made.length ? (
        <section class="infographic-results" aria-labelledby="ig-results-title">
          <h3 id="ig-results-title" tabIndex={-1} ref={results}>
            {t('infographic.results')}
          </h3>
          <p class="state" role="status">
            {stale ? t('infographic.stale') : t('infographic.made', { count: made.length })}
          </p>
          <ul class="image-list">
            {made.map((m) => {
              const sizeName = t(`infographic.sizeNames.${m.size}`);
              const altId = `ig-alt-${m.size}`;
              return (
                <li key={m.s3Key} class="image-card">
                  <figure class="preview">
                    <img src={m.previewUrl} alt={m.altText} width={m.width} height={m.height} />
                    <figcaption>
                      {t('infographic.resultCaption', {
                        size: sizeName,
                        format: m.contentType === 'image/jpeg' ? 'JPEG' : 'PNG',
                        kb: Math.round(m.bytes / 1024).toLocaleString('id-ID'),
                      })}
                    </figcaption>
                  </figure>
                  <div class="field">
                    <label for={altId}>{t('infographic.altText', { size: sizeName })}</label>
                    <textarea
                      id={altId}
                      rows={5}
                      value={m.altText}
                      aria-invalid={altErrors[m.size] ? 'true' : undefined}
                      aria-describedby={describedBy([
                        `${altId}-hint`,
                        `${altId}-count`,
                        altErrors[m.size] && `${altId}-error`,
                      ])}
                      onInput={(e) => {
                        const altText = e.currentTarget.value;
                        setMade((list) => list.map((x) => (x.size === m.size ? { ...x, altText } : x)));
                      }}
                    />
                    <p id={`${altId}-hint`} class="hint">
                      {t('infographic.altHint')}
                    </p>
                    <p
                      id={`${altId}-count`}
                      class={m.altText.trim().length > MAX_ALT ? 'hint counter-over' : 'hint'}
                    >
                      {t('infographic.altCount', { used: m.altText.trim().length.toLocaleString('id-ID') })}
                    </p>
                    <FieldError id={altId} message={altErrors[m.size]} />
                  </div>
                </li>
              );
            })}
          </ul>
          <div class="actions">
            <button type="button" class="button" disabled={stale || attaching} onClick={attach}>
              {t('infographic.attach', { count: made.length })}
            </button>
          </div>
        </section>
      ) : null}
    </section>
  );
};
