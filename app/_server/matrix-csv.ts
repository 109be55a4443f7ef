// The class view's matrix as CSV, for GET /api/cohorts/[id]/matrix.csv: one row per learner ×
// lab (the "long" shape: every row has every field, and a spreadsheet's pivot table turns it into
// learner rows with lab columns when wanted). RFC 4180: CRLF line ends, a header row, fields with
// a comma, quote, CR or LF quoted with inner quotes doubled. A field that a spreadsheet would run
// as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, because learners
// choose their own names. The file starts with a UTF-8 byte order mark so Excel reads accented
// names right; other readers skip it.

import type { SessionUser } from './auth';
import { classViewFor, type ClassCell, type ClassView } from './class-view';

export const CSV_HEADER = [
  'learner_name',
  'learner_email',
  'lab_id',
  'lab_title',
  'state',
  'current_step',
  'checks_passed',
  'checks_total',
  'time_spent_seconds',
  'hints_used',
  'due_at',
  'late',
  'completed_at',
  'attempt_id',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, guarded against formula injection and quoted when it must be. */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: ReadonlyArray<string | number | boolean | null>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function matrixCsv(view: ClassView): string {
  const titles = new Map(view.labs.map((lab) => [lab.labId, lab.title]));
  const step = (cell: ClassCell) => (cell.step ? `${cell.step.number}. ${cell.step.title}` : null);
  let csv = `\uFEFF${csvLine(CSV_HEADER)}`;
  for (const row of view.rows) {
    for (const cell of row.cells) {
      csv += csvLine([
        row.name,
        row.email,
        cell.labId,
        titles.get(cell.labId) ?? cell.labId,
        cell.state,
        step(cell),
        cell.checksPassed,
        cell.checksTotal,
        cell.timeSpentSeconds,
        cell.hintsUsed,
        cell.dueAt,
        cell.late,
        cell.completedAt,
        cell.attemptId,
      ]);
    }
  }
  return csv;
}

/** The route's answer: 401 signed out, 404 when the viewer may not manage the cohort, else the file. */
export async function matrixCsvResponse(viewer: SessionUser | null, cohortId: string): Promise<Response> {
  if (!viewer) return Response.json({ message: 'Sign in to export a class.' }, { status: 401 });
  const view = await classViewFor(viewer, cohortId);
  if (!view) return Response.json({ message: 'No such cohort.' }, { status: 404 });
  const slug = view.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'cohort';
  return new Response(matrixCsv(view), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${slug}-matrix.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
