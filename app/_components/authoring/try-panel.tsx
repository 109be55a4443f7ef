'use client';
// Try it: a scratch terminal on the saved draft (a `trial` attempt, fresh each press) with the
// draft's checks, and "Record solution", which turns the commands typed there into lab.yaml's
// `solution:` block (solution-block.ts keeps the rest of the file as it was).

import { useCallback, useState } from 'react';
import { LabPanel } from '../lab-panel';
import { recordSolution, tryLab } from './authoring-api';
import { replaceSolution, solutionLines } from './solution-block';

interface TryPanelProps {
  labId: string;
  /** Saves the draft if it has changes; false when saving failed (its message is shown already). */
  ensureSaved: () => Promise<boolean>;
  labYaml: string;
  onLabYaml: (text: string) => void;
}

export function TryPanel({ labId, ensureSaved, labYaml, onLabYaml }: TryPanelProps) {
  const [trialId, setTrialId] = useState<string | null>(null);
  const [attemptId, setAttemptId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const start = useCallback(async () => {
    setBusy(true);
    setMessage(null);
    try {
      if (!(await ensureSaved())) return;
      const result = await tryLab(labId);
      if (result.ok) {
        setTrialId(result.data.attemptId);
        setAttemptId(result.data.attemptId);
      } else setMessage({ ok: false, text: result.message });
    } finally {
      setBusy(false);
    }
  }, [labId, ensureSaved]);

  const record = useCallback(async () => {
    if (!attemptId) return;
    setBusy(true);
    try {
      const result = await recordSolution(labId, attemptId);
      if (!result.ok) return setMessage({ ok: false, text: result.message });
      const lines = solutionLines(result.data.solution);
      const edit = replaceSolution(labYaml, lines);
      if (!edit.ok) return setMessage({ ok: false, text: edit.message });
      if (edit.text === labYaml) return setMessage({ ok: true, text: `The ${lines.length} recorded command${lines.length === 1 ? ' is' : 's are'} lab.yaml's solution already.` });
      onLabYaml(edit.text);
      setMessage({ ok: true, text: `Recorded ${lines.length} command${lines.length === 1 ? '' : 's'} as lab.yaml's solution. Save, then run the self-test.` });
    } finally {
      setBusy(false);
    }
  }, [labId, attemptId, labYaml, onLabYaml]);

  return (
    <div className="try-panel" data-testid="try-panel">
      <p className="try-panel__actions">
        <button type="button" className="button" data-testid="try-it" disabled={busy} onClick={() => void start()}>
          {trialId ? 'Try it again (fresh cluster)' : 'Try it'}
        </button>
        <button type="button" className="button button--secondary" data-testid="record-solution" disabled={busy || !attemptId} onClick={() => void record()}>
          Record solution
        </button>
      </p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'authoring-ok' : 'authoring-error'} data-testid="try-message">
          {message.text}
        </p>
      )}
      {trialId && <LabPanel key={trialId} labId={labId} mode="trial" onAttempt={setAttemptId} compact />}
    </div>
  );
}
