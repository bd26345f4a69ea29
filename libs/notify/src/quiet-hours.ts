/**
 * No SMS at night: a phone buzzing at 23:00 about a job tip is a reason to withdraw consent. E-mail and in-app
 * wait for the reader and are not held.
 */
export interface QuietHours {
  /** Local hour the quiet starts, inclusive (21 = from 21:00:00). */
  fromHour: number;
  /** Local hour it ends, exclusive (8 = sending again from 08:00:00). */
  toHour: number;
}

export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = { fromHour: 21, toHour: 8 };

/**
 * `now` when it is outside the quiet hours, else the moment they end: the next `toHour`:00 on the clock in
 * `tz`. Counted on the wall clock, not in fixed hours from midnight, so the nights the clocks change
 * (one hour shorter in March, longer in October) still end at 08:00 local time.
 *
 * A quiet period may wrap midnight (21 → 8) or not (12 → 13); equal hours mean no quiet hours.
 */
export function smsAllowedAt(now: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS, tz = 'Europe/Oslo'): Date {
  const { fromHour, toHour } = quiet;
  for (const h of [fromHour, toHour]) {
    if (!Number.isInteger(h) || h < 0 || h > 23) {
      throw new RangeError(`smsAllowedAt: quiet hours must be whole hours 0–23, got ${h}`);
    }
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('smsAllowedAt: now is not a valid date');

  const local = wallClock(now, tz);
  const wraps = fromHour > toHour;
  const quietNow = wraps
    ? local.hour >= fromHour || local.hour < toHour
    : local.hour >= fromHour && local.hour < toHour;
  if (!quietNow) return now;

  // Before midnight in a wrapping period, the quiet ends tomorrow.
  const days = wraps && local.hour >= fromHour ? 1 : 0;
  return zonedTime(local.year, local.month, local.day + days, toHour, tz);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, tz: string): WallClock {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const { year, month, day, hour, minute, second } = parts as Record<keyof WallClock, number>;
  return { year, month, day, hour, minute, second };
}

/** How far the wall clock in `tz` is ahead of UTC at an instant, to the second. */
function offsetMs(at: number, tz: string): number {
  const w = wallClock(new Date(at), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant the clock in `tz` shows the given day and hour (the day may overflow: 32 March is 1 April).
 * The offsets a day before and a day after bracket any clock change that day; each gives a candidate. An hour
 * the clocks repeat has two, and the first is taken; an hour they skip has none, and the moment the clocks
 * jump over it is taken (the "before" candidate lands exactly there). Neither happens to 08:00 in Norway,
 * where the clocks change at 02:00 and 03:00.
 */
function zonedTime(year: number, month: number, day: number, hour: number, tz: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour);
  const before = asUtc - offsetMs(asUtc - DAY_MS, tz);
  const after = asUtc - offsetMs(asUtc + DAY_MS, tz);
  const shown = [before, after].filter((t) => wallClock(new Date(t), tz).hour === hour);
  return new Date(shown.length ? Math.min(...shown) : before);
}
