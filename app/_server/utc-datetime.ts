// Dates an instructor types (a join code's expiry, a lab's due date) and how pages show them. The
// forms use <input type="datetime-local">, read as UTC and labelled so, because the server cannot
// know the browser's time zone when the form works without JavaScript.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** '' → null (no date); '2027-01-15T17:00' → that instant in UTC; anything else → undefined (invalid). */
export function parseUtcDateTime(text: string): Date | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC rolls 2027-02-31 over to March; a date that does not exist is a typo.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return date;
}

/** The value a datetime-local input shows for a stored date. */
export function toDateTimeInput(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : '';
}

const display = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** '15 Jan 2027, 17:00 UTC'. */
export function formatUtc(date: Date): string {
  return `${display.format(date)} UTC`;
}
