// How one class-view cell reads: its short text, the longer title a pointer or screen reader gets,
// and the state class its colour comes from. Shared by the matrix and the stuck list.

import { formatDuration } from '@/app/_components/lab/format-duration';
import type { ClassCell } from '@/app/_server/class-view';

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Dates in UTC, so the server's first paint and the browser's updates agree. */
export function formatUtc(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

export function cellText(cell: ClassCell): string {
  if (cell.state === 'not-started') return 'Not started';
  if (cell.state === 'complete') return 'Complete';
  return cell.step ? `Step ${cell.step.number}/${cell.stepCount}: ${cell.step.title}` : 'All checks passing';
}

export function cellFacts(cell: ClassCell): string[] {
  const facts: string[] = [];
  if (cell.timeSpentSeconds !== null) facts.push(formatDuration(cell.timeSpentSeconds));
  if (cell.hintsUsed !== null) facts.push(`${cell.hintsUsed} ${cell.hintsUsed === 1 ? 'hint' : 'hints'}`);
  if (cell.late) facts.push('late');
  return facts;
}

export function cellTitle(cell: ClassCell, learner: string, labTitle: string): string {
  const lines = [`${learner} — ${labTitle}`, cellText(cell)];
  if (cell.state !== 'not-started') lines.push(`Checks passing: ${cell.checksPassed}/${cell.checksTotal}`);
  if (cell.timeSpentSeconds !== null) lines.push(`Time spent: ${formatDuration(cell.timeSpentSeconds)}`);
  if (cell.hintsUsed !== null) lines.push(`Hints used: ${cell.hintsUsed}`);
  if (cell.completedAt) lines.push(`Completed: ${formatUtc(cell.completedAt)}`);
  else if (cell.lastActiveAt) lines.push(`Last active: ${formatUtc(cell.lastActiveAt)}`);
  if (cell.dueAt) lines.push(`Due: ${formatUtc(cell.dueAt)}${cell.late ? ' (late)' : ''}`);
  return lines.join('\n');
}
