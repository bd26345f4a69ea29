/**
 * Norwegian calendar days. Deadlines, start dates and availability are days in Norway, not in UTC: between
 * midnight and 01:00 or 02:00 Oslo time the UTC date is still yesterday.
 */
const osloDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' });

/** Today in Norway, YYYY-MM-DD. */
export function osloToday(now: Date = new Date()): string {
  return osloDate.format(now);
}
