// The server's validation issues (POST /api/authoring/labs/:id/validate) as the editor shows them:
// one line of text each for the list under the editor ("lab.yaml:12 steps[0].checks[0].kind: …")
// and, for the open file, a lint diagnostic over the line (from the column when it is known). The
// text may have changed since it was sent, so positions are clamped to the document as it is.

export interface AuthoringIssue {
  file: string;
  line?: number;
  column?: number;
  /** The field, e.g. `steps[0].checks[1].kind`, or `(top level)`. */
  path: string;
  message: string;
}

export interface TextDiagnostic {
  from: number;
  to: number;
  severity: 'error';
  message: string;
}

/** "lab.yaml:12 steps[0].checks[0].kind: message" (place and field only when known). */
export function formatIssue(issue: AuthoringIssue): string {
  const place = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  const field = issue.path && issue.path !== '(top level)' ? ` ${issue.path}` : '';
  return `${place}${field}: ${issue.message}`;
}

/** Where each line starts, as offsets into `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Diagnostics for the issues of `file`, placed in `text` (the editor's current document). */
export function diagnosticsFor(text: string, file: string, issues: readonly AuthoringIssue[]): TextDiagnostic[] {
  const starts = lineStarts(text);
  return issues
    .filter((issue) => issue.file === file)
    .map((issue) => {
      const index = Math.min(Math.max((issue.line ?? 1) - 1, 0), starts.length - 1);
      const lineStart = starts[index];
      const lineEnd = index + 1 < starts.length ? starts[index + 1] - 1 : text.length;
      const from = Math.min(lineStart + Math.max((issue.column ?? 1) - 1, 0), lineEnd);
      // An empty range at the end of a line still shows; a whole line from the column is clearer.
      const to = from < lineEnd ? lineEnd : from;
      const field = issue.path && issue.path !== '(top level)' ? `${issue.path}: ` : '';
      return { from, to, severity: 'error' as const, message: `${field}${issue.message}` };
    });
}

/** How many issues each file has, for the dots on the file tabs. */
export function issueCounts(issues: readonly AuthoringIssue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) counts.set(issue.file, (counts.get(issue.file) ?? 0) + 1);
  return counts;
}
