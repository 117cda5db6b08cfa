/**
 * The Tindak lanjut board's rules, free of the DOM: what the API sends, the filters, the grouping by unit
 * (the unit with the latest follow-up first) and the status moves staff may make. The server decides what is
 * overdue and by how many working days (weekends, national holidays and the office's leave days, in WIB).
 */

export type FollowUpStatus = 'open' | 'in_progress' | 'resolved';
export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['open', 'in_progress', 'resolved'];

export interface FollowUpHistoryEntry {
  readonly at: string;
  readonly by: string;
  readonly from?: FollowUpStatus;
  readonly to: FollowUpStatus;
  readonly note?: string;
}

/** A follow-up as `GET /follow-ups` shows it. */
export interface FollowUp {
  readonly id: string;
  readonly feedbackId: string;
  readonly itemId?: string;
  readonly unit: string;
  readonly status: FollowUpStatus;
  readonly createdAt: string;
  readonly dueAt: string;
  /** The WIB working day by whose end it is due (`YYYY-MM-DD`). */
  readonly dueDay: string;
  readonly overdue: boolean;
  readonly workingDaysLate: number;
  readonly resolvedAt?: string;
  readonly resolutionNote?: string;
  readonly summary: string;
  readonly history: readonly FollowUpHistoryEntry[];
}

export interface BoardFilter {
  /** The unit as shown, or '' for every unit. */
  readonly unit: string;
  /** A status, or '' for every status. */
  readonly status: FollowUpStatus | '';
}

export interface UnitGroup {
  readonly unit: string;
  readonly followUps: readonly FollowUp[];
  readonly overdue: number;
}

const unitKey = (unit: string): string => unit.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

/** Overdue first (the latest first), then the nearest due date, then the oldest: the server's own order. */
export const byUrgency = (a: FollowUp, b: FollowUp): number =>
  Number(b.overdue) - Number(a.overdue) ||
  b.workingDaysLate - a.workingDaysLate ||
  Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
  a.dueAt.localeCompare(b.dueAt) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

/** The units that appear, each once (as first written), in alphabetical order. */
export const unitsOf = (rows: readonly FollowUp[]): string[] => {
  const seen = new Map<string, string>();
  for (const f of rows) if (!seen.has(unitKey(f.unit))) seen.set(unitKey(f.unit), f.unit.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'id'));
};

export const applyFilter = (rows: readonly FollowUp[], filter: BoardFilter): FollowUp[] =>
  rows.filter(
    (f) =>
      (!filter.unit || unitKey(f.unit) === unitKey(filter.unit)) &&
      (!filter.status || f.status === filter.status),
  );

/** By unit; the unit whose most urgent follow-up is most urgent comes first. */
export const groupByUnit = (rows: readonly FollowUp[]): UnitGroup[] => {
  const groups = new Map<string, FollowUp[]>();
  for (const f of rows) {
    const key = unitKey(f.unit);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()]
    .map((list) => {
      const sorted = [...list].sort(byUrgency);
      return {
        unit: (sorted[0] as FollowUp).unit.trim(),
        followUps: sorted,
        overdue: sorted.filter((f) => f.overdue).length,
      };
    })
    .sort(
      (a, b) =>
        byUrgency(a.followUps[0] as FollowUp, b.followUps[0] as FollowUp) ||
        a.unit.localeCompare(b.unit, 'id'),
    );
};

/** The statuses a follow-up may move to from where it is (the server refuses anything else). */
export const nextStatuses = (status: FollowUpStatus): FollowUpStatus[] =>
  status === 'open' ? ['in_progress', 'resolved'] : status === 'in_progress' ? ['resolved'] : [];

/** What a status change needs before it is sent: a resolution note to resolve. */
export const noteProblem = (to: FollowUpStatus, note: string): 'noteRequired' | 'noteTooLong' | undefined => {
  if (note.trim().length > 2000) return 'noteTooLong';
  if (to === 'resolved' && note.trim() === '') return 'noteRequired';
  return undefined;
};

/** A WIB day (`YYYY-MM-DD`) in words: `Senin, 28 Desember 2026`. The day is the office's, whatever the browser's zone. */
export const formatDay = (day: string, language: 'id' | 'en' = 'id'): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
};
