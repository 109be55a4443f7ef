'use client';
// The editor's last section: delete the lab, once its id is typed back (as a cohort is deleted
// once its name is). The server refuses (409) while learners are in the middle of the lab and says
// how many; the author may then delete it anyway, which ends those attempts. Learners keep their
// finished work either way. On success, back to the list of labs.

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteLab } from './authoring-api';

export function DeleteLabPanel({ labId }: { labId: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; forceable: boolean } | null>(null);
  const confirmed = typed.trim() === labId;

  async function remove(force: boolean) {
    if (!confirmed) return;
    setBusy(true);
    try {
      const result = await deleteLab(labId, force);
      if (result.ok) return router.push('/instructor/labs');
      setRefusal({ message: result.message, forceable: result.status === 409 && !force });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="danger-zone lab-editor__section" aria-labelledby="delete-lab-heading" data-testid="delete-lab">
      <h2 id="delete-lab-heading">Delete this lab</h2>
      <p>
        The draft, its self-test and every published version go, and cohorts no longer list it. Learners keep their attempts in their
        own data; the id <code>{labId}</code> stays taken while they exist. It cannot be undone.
      </p>
      <form
        className="action-form"
        onSubmit={(event) => {
          event.preventDefault();
          void remove(false);
        }}
      >
        <div className="field">
          <label htmlFor="delete-lab-confirm">Type the lab&apos;s id to confirm</label>
          <input id="delete-lab-confirm" className="inline-input" autoComplete="off" spellCheck={false} maxLength={64} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" data-testid="delete-lab-button" disabled={!confirmed || busy}>
          {busy ? 'Deleting…' : 'Delete lab'}
        </button>
      </form>
      {refusal && (
        <div role="alert" className="authoring-error" data-testid="delete-lab-refusal">
          <p>{refusal.message}</p>
          {refusal.forceable && (
            <button type="button" className="button button--secondary" data-testid="delete-lab-force" disabled={!confirmed || busy} onClick={() => void remove(true)}>
              Delete anyway and end their attempts
            </button>
          )}
        </div>
      )}
    </section>
  );
}
