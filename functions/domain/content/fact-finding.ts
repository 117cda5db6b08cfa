import { audit } from '../../adapters/audit-repo';
import { readMediaText } from '../../adapters/image-text';
import { getItem, setFields, transition } from '../../adapters/items-repo';
import { log } from '../../common/logger';
import { relatedFeedback } from '../feedback/related-feedback';
import { imageNote, type ReadImageText, screenImages } from './image-screening';
import { screenItem } from './screening';

export interface FactFindingResult {
  readonly excluded: boolean;
  readonly reasons: string[];
  readonly platforms: string[];
  readonly publishAt: string;
  readonly revision: number;
  /** Seconds left until the approval deadline; the approval task times out after this. */
  readonly approvalTimeoutSeconds: number;
}

export interface FactFindingDeps {
  /** Reads the text of a stored image (OCR); the real one runs tesseract.js in this process. */
  readonly readImageText: ReadImageText;
}

export const factFinding = async (
  itemId: string,
  now = new Date(),
  deps: FactFindingDeps = { readImageText: readMediaText },
): Promise<FactFindingResult> => {
  const item = await getItem(itemId);
  const checkedAt = now.toISOString();
  // Keep the first result per revision: a re-run after a restart must not change what staff were shown
  // (and does not read the images again).
  let result =
    item.factFinding && (item.factFinding.revision ?? 1) === item.revision ? item.factFinding : undefined;
  if (!result) {
    const texts: Record<string, string> = { title: item.title, caption: item.caption };
    item.media.forEach((m, i) => {
      texts[`media.${i}.altText`] = m.altText;
    });
    item.sources.forEach((s, i) => {
      texts[`sources.${i}.title`] = s.title;
    });
    const screening = screenItem(texts);
    const images = await screenImages(item.media, deps.readImageText);
    // Times and sizes only: what an image says may be personal data and stays out of the logs.
    for (const i of images.images)
      log.info('image text', { itemId, index: i.index, ok: i.ok, ms: i.ms, chars: i.excerpt?.length ?? 0 });
    const reasons = [...screening.reasons, ...images.reasons];
    const fresh = {
      excluded: reasons.length > 0,
      reasons,
      checkedAt,
      revision: item.revision,
      related: await relatedFeedback(`${item.title} ${item.caption}`, now),
      images: images.images,
      ...(images.warnings.length ? { warnings: images.warnings } : {}),
    };
    result = (await setFields(itemId, { factFinding: fresh })).factFinding ?? fresh;
  }
  const related = result.related ?? [];
  if (!result.excluded) {
    const moved = await transition(itemId, {
      status: 'fact-checked',
      revision: item.revision,
      stage: item.revision > 1 ? `fact-finding#r${item.revision}` : 'fact-finding',
      // The console reads the counts at the start of this note (web/src/item/item-model.ts); images go last.
      note: `${item.sources.length} source(s) recorded; no excluded information found; ${related.length} related citizen message(s); ${imageNote(result.images ?? [])}`,
      at: checkedAt,
    });
    if (moved) await audit({ itemId, action: 'fact-finding.passed', actor: 'sebar', at: checkedAt });
  }
  const left = Math.ceil((new Date(item.approvalDeadline).getTime() - now.getTime()) / 1000);
  return {
    excluded: result.excluded,
    reasons: result.reasons,
    platforms: item.platforms,
    publishAt: item.publishAt,
    revision: item.revision,
    approvalTimeoutSeconds: Math.max(1, left),
  };
};
