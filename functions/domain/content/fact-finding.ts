import { audit } from '../../adapters/audit-repo';
import { getItem, setFields, transition } from '../../adapters/items-repo';
import { relatedFeedback } from '../feedback/related-feedback';
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

export const factFinding = async (itemId: string, now = new Date()): Promise<FactFindingResult> => {
  const item = await getItem(itemId);
  const texts: Record<string, string> = { title: item.title, caption: item.caption };
  item.media.forEach((m, i) => {
    texts[`media.${i}.altText`] = m.altText;
  });
  item.sources.forEach((s, i) => {
    texts[`sources.${i}.title`] = s.title;
  });
  const screening = screenItem(texts);
  const checkedAt = now.toISOString();
  // Keep the first result per revision: a re-run after a restart must not change what staff were shown.
  let result =
    item.factFinding && (item.factFinding.revision ?? 1) === item.revision ? item.factFinding : undefined;
  if (!result) {
    const fresh = {
      excluded: screening.excluded,
      reasons: screening.reasons,
      checkedAt,
      revision: item.revision,
      related: await relatedFeedback(`${item.title} ${item.caption}`, now),
    };
    result = (await setFields(itemId, { factFinding: fresh })).factFinding ?? fresh;
  }
  const related = result.related ?? [];
  if (!result.excluded) {
    const moved = await transition(itemId, {
      status: 'fact-checked',
      revision: item.revision,
      stage: item.revision > 1 ? `fact-finding#r${item.revision}` : 'fact-finding',
      note: `${item.sources.length} source(s) recorded; no excluded information found; ${related.length} related citizen message(s)`,
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
