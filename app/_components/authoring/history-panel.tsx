'use client';
// The lab's published versions: each with its note, author and date, a diff (against the one
// before it, or against the draft) and a rollback that makes it current again as a new version.

import { useCallback, useEffect, useState } from 'react';
import { diffVersions, listVersions, rollbackLab, type FilePatch, type LabVersion } from './authoring-api';
import { diffLineKind } from './editor-files';

interface HistoryPanelProps {
  labId: string;
  /** Changes when something was published or rolled back, so the list loads again. */
  revision: number;
  onRolledBack: () => void;
}

export function HistoryPanel({ labId, revision, onRolledBack }: HistoryPanelProps) {
  const [versions, setVersions] = useState<LabVersion[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ title: string; files: FilePatch[] } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void listVersions(labId).then((result) => {
      if (cancelled) return;
      if (result.ok) setVersions(result.data.versions);
      else setMessage(result.message);
    });
    return () => {
      cancelled = true;
    };
  }, [labId, revision]);

  const showDiff = useCallback(
    async (from: number, to: number | 'draft') => {
      const result = await diffVersions(labId, from, to);
      if (result.ok) setDiff({ title: `Version ${from} → ${to === 'draft' ? 'the draft' : `version ${to}`}`, files: result.data.files });
      else setMessage(result.message);
    },
    [labId],
  );

  const rollback = useCallback(
    async (number: number) => {
      if (!window.confirm(`Make version ${number} the published one again? Learners who start the lab from now on get it.`)) return;
      const result = await rollbackLab(labId, number);
      setMessage(result.ok ? `Version ${number} is published again${result.data.number ? ` as version ${result.data.number}` : ''}.` : result.message);
      if (result.ok) onRolledBack();
    },
    [labId, onRolledBack],
  );

  if (versions === null) return <p>{message ?? 'Loading the history…'}</p>;
  return (
    <div className="lab-history" data-testid="lab-history">
      {versions.length === 0 ? (
        <p>Nothing published yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Note</th>
              <th scope="col">Published</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.number} data-testid={`version-${version.number}`} data-current={version.current ? 'true' : 'false'}>
                <th scope="row">
                  {version.number}
                  {version.current && ' (current)'}
                </th>
                <td>{version.note ?? ''}</td>
                <td>
                  {new Date(version.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, {version.createdBy}
                </td>
                <td className="lab-history__actions">
                  {version.number > 1 && (
                    <button type="button" className="button button--secondary button--small" onClick={() => void showDiff(version.number - 1, version.number)}>
                      Diff with {version.number - 1}
                    </button>
                  )}
                  <button type="button" className="button button--secondary button--small" onClick={() => void showDiff(version.number, 'draft')}>
                    Diff with draft
                  </button>
                  {!version.current && (
                    <button type="button" className="button button--secondary button--small" data-testid={`rollback-${version.number}`} onClick={() => void rollback(version.number)}>
                      Roll back to {version.number}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && (
        <p role="status" data-testid="history-message">
          {message}
        </p>
      )}
      {diff && (
        <section className="lab-diff" aria-label={diff.title} data-testid="lab-diff">
          <h4>{diff.title}</h4>
          {diff.files.length === 0 && <p>No differences.</p>}
          {diff.files.map((file) => (
            <figure key={file.path} className="lab-diff__file">
              <figcaption>{file.path}</figcaption>
              <pre>
                {file.patch.split('\n').map((line, index) => (
                  <span key={index} className={`lab-diff__line lab-diff__line--${diffLineKind(line)}`}>
                    {line}
                    {'\n'}
                  </span>
                ))}
              </pre>
            </figure>
          ))}
        </section>
      )}
    </div>
  );
}
