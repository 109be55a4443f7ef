'use client';
// /instructor/labs: the labs this instructor wrote in the browser (an admin sees every one), a form
// to start a new one from the scaffold `labctl new` writes, and an import of a lab folder as a zip.
// Each lands in the editor.

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { createLab, importLabZip, listLabs, type AuthoredLabSummary } from './authoring-api';
import '../forms/forms.css';
import './authoring.css';

/** Bytes of a zip the import sends; the server checks again (MAX_IMPORT_ZIP_BYTES). */
const MAX_IMPORT_BYTES = 1024 * 1024;
const LAB_ID_PATTERN = '[a-z0-9][a-z0-9\\-]{0,63}';

export function AuthoredLabList({ modules }: { modules: { slug: string; title: string }[] }) {
  const router = useRouter();
  const [labs, setLabs] = useState<AuthoredLabSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void listLabs().then((result) => (result.ok ? setLabs(result.data.labs) : setListError(result.message)));
  }, []);

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setCreateError(null);
    const result = await createLab({ id: String(form.get('id') ?? '').trim(), title: String(form.get('title') ?? '').trim(), module: String(form.get('module') ?? '') });
    setBusy(false);
    if (result.ok) router.push(`/instructor/labs/${encodeURIComponent(result.data.id)}`);
    else setCreateError(result.message);
  };

  const onImport = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('zip');
    if (!(file instanceof File) || file.size === 0) return setImportError('Choose a .zip of a lab folder first.');
    if (file.size > MAX_IMPORT_BYTES) return setImportError(`The zip is ${Math.ceil(file.size / 1024)} KiB; at most ${MAX_IMPORT_BYTES / 1024} KiB can be imported.`);
    setBusy(true);
    setImportError(null);
    const result = await importLabZip(file);
    setBusy(false);
    if (result.ok) router.push(`/instructor/labs/${encodeURIComponent(result.data.id)}`);
    else setImportError(result.message);
  };

  return (
    <div className="authored-labs">
      {listError && <p role="alert">{listError}</p>}
      {labs === null && !listError && <p role="status">Loading your labs…</p>}
      {labs?.length === 0 && <p data-testid="no-authored-labs">No labs yet. Start one below, or import a lab folder.</p>}
      {labs && labs.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="authored-labs-table">
            <thead>
              <tr>
                <th scope="col">Lab</th>
                <th scope="col">Module</th>
                <th scope="col">Published</th>
                <th scope="col">Draft saved</th>
              </tr>
            </thead>
            <tbody>
              {labs.map((lab) => (
                <tr key={lab.id} data-testid={`authored-lab-${lab.id}`}>
                  <th scope="row">
                    <Link href={`/instructor/labs/${encodeURIComponent(lab.id)}`}>{lab.title}</Link> <code>{lab.id}</code>
                  </th>
                  <td>{lab.module}</td>
                  <td>{lab.currentVersion === null ? 'No' : `Version ${lab.currentVersion} (${lab.audience === 'everyone' ? 'everyone' : 'my cohorts'})`}</td>
                  <td>{new Date(lab.draftUpdatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Start a new lab</h2>
      <form className="action-form" aria-label="Start a new lab" data-testid="new-lab" onSubmit={(e) => void onCreate(e)}>
        <div className="field">
          <label htmlFor="lab-id">Id (lowercase, digits, dashes)</label>
          <input id="lab-id" name="id" required maxLength={64} pattern={LAB_ID_PATTERN} />
        </div>
        <div className="field">
          <label htmlFor="lab-title">Title</label>
          <input id="lab-title" name="title" required maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="lab-module">Module</label>
          <select id="lab-module" name="module" className="inline-input" required>
            {modules.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy}>
          Create lab
        </button>
        {createError && (
          <p className="action-form__message action-form__message--error" role="alert" data-testid="new-lab-message">
            {createError}
          </p>
        )}
      </form>

      <h2>Import a lab folder</h2>
      <form className="action-form" aria-label="Import a lab folder" data-testid="import-lab" onSubmit={(e) => void onImport(e)}>
        <div className="field">
          <label htmlFor="lab-zip">A .zip of content/labs/&lt;id&gt;/ (as Export or labctl export makes it)</label>
          <input id="lab-zip" name="zip" type="file" accept=".zip,application/zip" required />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          Import
        </button>
        {importError && (
          <p className="action-form__message action-form__message--error" role="alert" data-testid="import-lab-message">
            {importError}
          </p>
        )}
      </form>
    </div>
  );
}
