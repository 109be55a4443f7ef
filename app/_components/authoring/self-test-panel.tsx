'use client';
// The self-test's result in the editor: passed or not, on which saved draft, and each phase in
// order (setup → checks fail → solution → checks pass → each mutation fails) with the checks'
// messages, then what labctl names as failures.

import type { SelfTestRecord } from './authoring-api';
import { selfTestView } from './self-test-view';

interface SelfTestPanelProps {
  record: SelfTestRecord | null;
  /** The saved draft's hash: a self-test on another one no longer counts. */
  draftHash: string;
  running: boolean;
}

export function SelfTestPanel({ record, draftHash, running }: SelfTestPanelProps) {
  if (running) return <p role="status" data-testid="self-test-running">Running the self-test on the saved draft…</p>;
  if (!record) return <p data-testid="self-test-none">No self-test yet. Save, then run it: publishing waits for a passing one.</p>;
  const view = selfTestView(record.report);
  const stale = record.filesHash !== draftHash;
  const verdict = view.passed && record.passed ? 'passed' : 'failed';
  return (
    <div className="self-test" data-testid="self-test" data-verdict={verdict} data-stale={stale ? 'true' : 'false'}>
      <p className={`self-test__verdict self-test__verdict--${verdict}`} role="status" data-testid="self-test-verdict">
        {verdict === 'passed' ? 'Self-test passed' : 'Self-test failed'}
        {stale && ' — on an earlier draft; run it again on this one'}
      </p>
      {view.error && <p className="self-test__error">{view.error}</p>}
      {view.phases.length > 0 && (
        <ol className="self-test__phases">
          {view.phases.map((phase) => (
            <li key={phase.key} data-testid="self-test-phase" data-ok={phase.ok ? 'true' : 'false'} className={phase.ok ? 'ok' : 'failed'}>
              <span aria-hidden="true">{phase.ok ? '✔' : '✘'}</span> {phase.label}
              {phase.seed !== undefined && <small> (seed {phase.seed})</small>}
              {!phase.ok && phase.message && <p className="self-test__error">{phase.message}</p>}
              {phase.checks.length > 0 && (
                <ul>
                  {phase.checks.map((check) => (
                    <li key={check.id} data-testid={`self-test-check-${check.id}`} data-passed={check.passed ? 'true' : 'false'}>
                      <code>{check.id}</code> {check.passed ? 'passes' : 'fails'}
                      {check.message && `: ${check.message}`}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {view.failures.length > 0 && (
        <ul className="self-test__failures" data-testid="self-test-failures">
          {view.failures.map((failure, index) => (
            <li key={index}>{failure}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
