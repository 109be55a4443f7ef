'use client';
// The open step text as a learner will read it, rendered on the server: the page hands in a
// server action that checks the safe MDX subset, compiles and renders the text (the site's
// policy forbids evaluating code in the browser, so the compiled MDX never runs here). Asked
// again once typing pauses; only the newest answer is shown.

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createDebouncer, createLatestGate, VALIDATE_DEBOUNCE_MS } from './debounce';

export type StepPreviewResult = { ok: true; node: ReactNode } | { ok: false; message: string; issues: { line: number; message: string }[] };

export type PreviewStep = (source: string) => Promise<StepPreviewResult>;

export function StepPreview({ path, source, preview }: { path: string; source: string; preview: PreviewStep }) {
  const [result, setResult] = useState<StepPreviewResult | null>(null);
  const [pending, setPending] = useState(false);
  const debouncer = useRef(createDebouncer(VALIDATE_DEBOUNCE_MS));
  const gate = useRef(createLatestGate());

  useEffect(() => {
    const debounced = debouncer.current;
    debounced.schedule(() => {
      const ticket = gate.current.next();
      setPending(true);
      preview(source).then(
        (answer) => {
          if (!gate.current.isLatest(ticket)) return;
          setResult(answer);
          setPending(false);
        },
        () => {
          if (!gate.current.isLatest(ticket)) return;
          setResult({ ok: false, message: 'The preview could not be made; the server did not answer.', issues: [] });
          setPending(false);
        },
      );
    });
    return () => debounced.dispose();
  }, [source, preview]);

  return (
    <section className="step-preview" aria-label={`Preview of ${path}`} aria-busy={pending} data-testid="step-preview">
      <h3 className="step-preview__title">Preview: {path}</h3>
      {result === null && <p>Rendering…</p>}
      {result?.ok === false && (
        <div role="alert" className="step-preview__issues" data-testid="step-preview-issues">
          <p>{result.message}</p>
          <ul>
            {result.issues.map((issue, index) => (
              <li key={index}>
                {path}:{issue.line} {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result?.ok && (
        <div className="lesson step-preview__body" data-testid="step-preview-body">
          {result.node}
        </div>
      )}
    </section>
  );
}
