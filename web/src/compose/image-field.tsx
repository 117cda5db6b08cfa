import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { useT } from '../i18n';
import { describeError } from '../ui/errors';
import { describedBy, FieldError } from './field-bits';
import { type ImageEntry, localId, type PlatformName } from './form';
import { InfographicPanel } from './infographic-panel';
import {
  ACCEPTED_TYPES,
  fetchPreview,
  MAX_IMAGE_BYTES,
  requestUpload,
  StorageUploadError,
  sendToStorage,
} from './upload';
import { type FieldErrors, fieldId } from './validate';

type Update = (change: (images: readonly ImageEntry[]) => readonly ImageEntry[]) => void;

const patch = (update: Update, id: string, values: Partial<ImageEntry>) =>
  update((images) => images.map((i) => (i.localId === id ? { ...i, ...values } : i)));

const formatMegabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;

/** Uploads one file and fetches its Instagram preview, writing each step into the image's entry. */
const uploadOne = async (api: Api, file: File, id: string, update: Update, t: (k: string) => string) => {
  try {
    const ticket = await requestUpload(api, file);
    if (file.size > ticket.maxBytes) throw new RangeError('too large');
    await sendToStorage(ticket, file, (progress) => patch(update, id, { progress }));
    patch(update, id, { key: ticket.key, state: 'checking', progress: 1 });
    const preview = await fetchPreview(api, ticket.key);
    patch(update, id, { preview, state: 'ready' });
  } catch (error) {
    const message =
      error instanceof RangeError
        ? t('images.tooLarge')
        : error instanceof StorageUploadError
          ? t('images.storageFailed')
          : describeError(error);
    patch(update, id, { state: 'failed', error: message });
  }
};

/** Checks a draft's already-uploaded images again, so their previews show after a reload. */
const usePreviews = (api: Api, images: readonly ImageEntry[], update: Update) => {
  const pending = images.filter((i) => i.restored && i.state === 'checking' && i.key && !i.preview);
  const ids = pending.map((i) => i.localId).join(',');
  useEffect(() => {
    for (const image of pending) {
      if (!image.key) continue;
      fetchPreview(api, image.key)
        .then((preview) => patch(update, image.localId, { preview, state: 'ready' }))
        .catch((error: unknown) =>
          patch(update, image.localId, { state: 'failed', error: describeError(error) }),
        );
    }
  }, [ids]);
};

/** "Terbit di" for one image, shown when the item goes to both platforms. */
const PlatformChoice = ({ image, update }: { image: ImageEntry; update: Update }) => {
  const t = useT();
  const id = `image-platforms-${image.localId}`;
  const value = image.platforms?.length === 1 ? image.platforms[0] : 'all';
  return (
    <div class="field">
      <label for={id}>{t('imagePlatforms.label')}</label>
      <select
        id={id}
        value={value}
        aria-describedby={`image-name-${image.localId}`}
        onChange={(e) => {
          const v = e.currentTarget.value;
          const platforms: PlatformName[] | undefined = v === 'instagram' || v === 'x' ? [v] : undefined;
          update((list) =>
            list.map((i) => {
              if (i.localId !== image.localId) return i;
              const { platforms: _old, ...rest } = i;
              return platforms ? { ...rest, platforms } : rest;
            }),
          );
        }}
      >
        <option value="all">{t('imagePlatforms.all')}</option>
        <option value="instagram">{t('imagePlatforms.instagram')}</option>
        <option value="x">{t('imagePlatforms.x')}</option>
      </select>
    </div>
  );
};

export const ImageField = ({
  api,
  images,
  update,
  errors,
  chosen,
  itemTitle,
}: {
  api: Api;
  images: readonly ImageEntry[];
  update: Update;
  errors: FieldErrors;
  /** The platforms ticked for the item. */
  chosen: readonly PlatformName[];
  itemTitle: string;
}) => {
  const t = useT();
  usePreviews(api, images, update);
  const [making, setMaking] = useState(false);
  const [attachedNote, setAttachedNote] = useState<string>();
  const openButton = useRef<HTMLButtonElement>(null);

  const onFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const id = localId('i');
      const entry: ImageEntry = {
        localId: id,
        fileName: file.name,
        state: 'uploading',
        progress: 0,
        altText: '',
      };
      if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) {
        update((list) => [...list, { ...entry, state: 'failed', error: t('images.wrongType') }]);
        continue;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        update((list) => [...list, { ...entry, state: 'failed', error: t('images.tooLarge') }]);
        continue;
      }
      update((list) => [...list, entry]);
      void uploadOne(api, file, id, update, t);
    }
  };

  const error = errors[fieldId.images];
  return (
    <fieldset class="group">
      <legend>{t('images.legend')}</legend>
      <div class="field">
        <label for={fieldId.images}>{t('fields.image')}</label>
        <input
          id={fieldId.images}
          type="file"
          accept={ACCEPTED_TYPES.join(',')}
          multiple
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(['images-hint', error && `${fieldId.images}-error`])}
          onChange={(e) => {
            onFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <p id="images-hint" class="hint">
          {t('images.hint')}
        </p>
        <FieldError id={fieldId.images} message={error} />
      </div>
      <div class="infographic-open">
        <button
          type="button"
          class="button button-secondary"
          ref={openButton}
          aria-expanded={making ? 'true' : 'false'}
          aria-controls="infographic-panel"
          onClick={() => {
            setAttachedNote(undefined);
            setMaking((m) => !m);
          }}
        >
          {t('infographic.open')}
        </button>
        {attachedNote ? (
          <p class="notice" role="status">
            {attachedNote}
          </p>
        ) : null}
      </div>
      {making ? (
        <InfographicPanel
          api={api}
          itemTitle={itemTitle}
          chosen={chosen}
          onClose={() => {
            setMaking(false);
            openButton.current?.focus();
          }}
          onAttach={(entries) => {
            const first = images.length + 1;
            update((list) => [...list, ...entries]);
            setAttachedNote(
              t('infographic.attached', { count: entries.length, first, last: first + entries.length - 1 }),
            );
            setMaking(false);
            openButton.current?.focus();
          }}
        />
      ) : null}
      <ul class="image-list">
        {images.map((image, index) => {
          const altId = fieldId.alt(image.localId);
          const altError = errors[altId];
          return (
            <li key={image.localId} class="image-card">
              <p class="image-name" id={`image-name-${image.localId}`}>
                {t('images.number', { n: index + 1 })}: {image.fileName}
              </p>
              {image.state === 'uploading' ? (
                <div class="progress">
                  <label for={`progress-${image.localId}`}>{t('images.uploading')}</label>
                  <progress id={`progress-${image.localId}`} max={1} value={image.progress}>
                    {Math.round(image.progress * 100)}%
                  </progress>
                </div>
              ) : null}
              {image.state === 'checking' ? (
                <p class="state" role="status">
                  {t('images.checking')}
                </p>
              ) : null}
              {image.state === 'failed' ? (
                <p class="field-error" role="alert">
                  {image.error ?? t('images.storageFailed')}
                </p>
              ) : null}
              {image.preview ? (
                <figure class="preview">
                  <img
                    src={image.preview.url}
                    alt={image.altText.trim() || t('images.previewAlt')}
                    width={image.preview.width}
                    height={image.preview.height}
                  />
                  <figcaption>
                    <strong>
                      {image.preview.original ? t('imagePlatforms.asX') : t('images.asInstagram')}
                    </strong>
                    <span>
                      {' '}
                      {image.preview.width} × {image.preview.height} px,{' '}
                      {formatMegabytes(image.preview.bytes)}
                    </span>
                    {image.preview.changes.length ? (
                      <ul>
                        {image.preview.changes.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    ) : (
                      <span> · {t('images.noChanges')}</span>
                    )}
                  </figcaption>
                </figure>
              ) : null}
              {chosen.length > 1 ? <PlatformChoice image={image} update={update} /> : null}
              <div class="field">
                <label for={altId}>{t('fields.altText')}</label>
                <textarea
                  id={altId}
                  rows={2}
                  required
                  value={image.altText}
                  aria-invalid={altError ? 'true' : undefined}
                  aria-describedby={describedBy([
                    `image-name-${image.localId}`,
                    'alt-hint',
                    altError && `${altId}-error`,
                  ])}
                  onInput={(e) => patch(update, image.localId, { altText: e.currentTarget.value })}
                />
                <FieldError id={altId} message={altError} />
              </div>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => update((list) => list.filter((i) => i.localId !== image.localId))}
              >
                {t('images.remove', { n: index + 1 })}
              </button>
            </li>
          );
        })}
      </ul>
      {images.length ? (
        <p id="alt-hint" class="hint">
          {t('images.altHint')}
        </p>
      ) : null}
    </fieldset>
  );
};
