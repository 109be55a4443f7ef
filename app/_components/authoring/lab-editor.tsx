'use client';
// The in-browser lab editor (issue 20): the lab folder's files as tabs in CodeMirror, validated
// as the author types (the server's issues at their lines and as a list), the open step text
// previewed as learners will read it, Save, the self-test by phase, Publish (only once a self-test
// passed on exactly the saved draft), history with diffs and rollback, export, and Try it with
// Record solution. The server decides what is valid; this page only asks and shows.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CodeEditor } from './code-editor';
import { exportHref, getLab, publishLab, runSelfTest, saveDraft, validateDraft, type Audience, type AuthoredLab, type LabFiles } from './authoring-api';
import { createDebouncer, createLatestGate, VALIDATE_DEBOUNCE_MS } from './debounce';
import { isStepText, languageOf, newFilePath, orderedPaths } from './editor-files';
import { HistoryPanel } from './history-panel';
import { diagnosticsFor, formatIssue, issueCounts, type AuthoringIssue } from './issue-diagnostics';
import { SelfTestPanel } from './self-test-panel';
import { StepPreview, type PreviewStep } from './step-preview';
import { TryPanel } from './try-panel';
import '../forms/forms.css';
import './authoring.css';

interface LabEditorProps {
  labId: string;
  /** Admins may publish to everyone; instructors to their cohorts. */
  canPublishToEveryone: boolean;
  previewStep: PreviewStep;
}

type Notice = { ok: boolean; text: string } | null;

export function LabEditor({ labId, canPublishToEveryone, previewStep }: LabEditorProps) {
  const [lab, setLab] = useState<AuthoredLab | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [files, setFiles] = useState<LabFiles>({});
  const [saved, setSaved] = useState<LabFiles>({});
  const [active, setActive] = useState('lab.yaml');
  const [issues, setIssues] = useState<AuthoringIssue[]>([]);
  const [validating, setValidating] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'save' | 'self-test' | 'publish' | null>(null);
  const [revision, setRevision] = useState(0);
  const [note, setNote] = useState('');
  const [audience, setAudience] = useState<Audience>('cohorts');
  const [newFile, setNewFile] = useState('');
  const debouncer = useRef(createDebouncer(VALIDATE_DEBOUNCE_MS));
  const gate = useRef(createLatestGate());

  const load = useCallback(async () => {
    const result = await getLab(labId);
    if (!result.ok) return setLoadError(result.message);
    setLab(result.data);
    setFiles(result.data.files);
    setSaved(result.data.files);
    setAudience(result.data.audience);
  }, [labId]);

  useEffect(() => {
    void load();
  }, [load]);

  // Validation as they type: once typing pauses, the whole folder goes to the server.
  const loaded = lab !== null;
  useEffect(() => {
    if (!loaded) return;
    const debounced = debouncer.current;
    debounced.schedule(() => {
      const ticket = gate.current.next();
      setValidating(true);
      void validateDraft(labId, files).then((result) => {
        if (!gate.current.isLatest(ticket)) return;
        setValidating(false);
        if (result.ok) setIssues(result.data.issues);
        else setIssues([{ file: 'lab.yaml', path: '(top level)', message: result.message }]);
      });
    });
    return () => debounced.dispose();
  }, [labId, loaded, files]);

  const paths = useMemo(() => orderedPaths(Object.keys(files)), [files]);
  const dirty = useMemo(() => JSON.stringify(files) !== JSON.stringify(saved), [files, saved]);
  const counts = useMemo(() => issueCounts(issues), [issues]);
  const activeText = files[active] ?? '';
  const diagnostics = useMemo(() => diagnosticsFor(activeText, active, issues), [activeText, active, issues]);
  const previewPath = isStepText(active) ? active : paths.find(isStepText);

  // Leaving with unsaved changes asks first (the browser's own question).
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);

  const setFile = useCallback((path: string, text: string) => setFiles((current) => ({ ...current, [path]: text })), []);

  const save = useCallback(async (): Promise<boolean> => {
    setBusy('save');
    try {
      const result = await saveDraft(labId, files);
      if (!result.ok) {
        setNotice({ ok: false, text: `Not saved: ${result.message}` });
        return false;
      }
      setSaved(files);
      setLab((current) => (current ? { ...current, draftHash: result.data.draftHash, draftUpdatedAt: result.data.savedAt } : current));
      setNotice({ ok: true, text: 'Draft saved.' });
      return true;
    } finally {
      setBusy(null);
    }
  }, [labId, files]);

  const ensureSaved = useCallback(async () => (dirty ? save() : true), [dirty, save]);

  const selfTest = useCallback(async () => {
    if (!(await ensureSaved())) return;
    setBusy('self-test');
    setNotice(null);
    try {
      const result = await runSelfTest(labId);
      if (!result.ok) return setNotice({ ok: false, text: `The self-test did not run: ${result.message}` });
      const { passed, filesHash, report } = result.data;
      setLab((current) => (current ? { ...current, selfTest: { passed, filesHash, report, at: new Date().toISOString() } } : current));
    } finally {
      setBusy(null);
    }
  }, [labId, ensureSaved]);

  const publish = useCallback(async () => {
    setBusy('publish');
    try {
      const result = await publishLab(labId, { note: note.trim() || undefined, audience });
      if (!result.ok) return setNotice({ ok: false, text: `Not published: ${result.message}` });
      setNotice({ ok: true, text: `Published${result.data.number ? ` as version ${result.data.number}` : ''}. Learners in your cohorts find it under /labs/custom/${labId}.` });
      setNote('');
      setRevision((n) => n + 1);
      setLab((current) => (current ? { ...current, currentVersion: result.data.number ?? current.currentVersion, audience } : current));
    } finally {
      setBusy(null);
    }
  }, [labId, note, audience]);

  const addFile = useCallback(
    (folder: 'steps' | 'files') => {
      const path = newFilePath(folder, newFile);
      if (!path) return setNotice({ ok: false, text: 'A file name is letters, digits, dots, dashes and underscores.' });
      if (files[path] !== undefined) return setNotice({ ok: false, text: `${path} is there already.` });
      setFile(path, '');
      setActive(path);
      setNewFile('');
    },
    [newFile, files, setFile],
  );

  const removeFile = useCallback(() => {
    if (active === 'lab.yaml' || !window.confirm(`Remove ${active} from the draft?`)) return;
    setFiles((current) => Object.fromEntries(Object.entries(current).filter(([path]) => path !== active)));
    setActive('lab.yaml');
  }, [active]);

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!lab) return <p role="status">Loading the draft…</p>;

  const selfTestPassedOnDraft = lab.selfTest !== null && lab.selfTest.passed && lab.selfTest.filesHash === lab.draftHash;
  const canPublish = selfTestPassedOnDraft && !dirty && busy === null;

  return (
    <div className="lab-editor" data-testid="lab-editor">
      <div className="lab-editor__toolbar">
        <button type="button" className="button" data-testid="save-draft" disabled={busy !== null || !dirty} onClick={() => void save()}>
          {busy === 'save' ? 'Saving…' : dirty ? 'Save draft' : 'Saved'}
        </button>
        <button type="button" className="button button--secondary" data-testid="run-self-test" disabled={busy !== null} onClick={() => void selfTest()}>
          {busy === 'self-test' ? 'Self-testing…' : 'Run self-test'}
        </button>
        <a className="button button--secondary" href={exportHref(labId)} data-testid="export-lab" download={`${labId}.zip`}>
          Export (.zip)
        </a>
        <span className="lab-editor__state" data-testid="validation-state" data-state={validating ? 'checking' : issues.length === 0 ? 'valid' : 'invalid'}>
          {validating ? 'Checking…' : issues.length === 0 ? 'No problems found' : `${issues.length} problem${issues.length === 1 ? '' : 's'}`}
        </span>
        <span className="lab-editor__state">{lab.currentVersion === null ? 'Not published' : `Published: version ${lab.currentVersion}`}</span>
      </div>
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'authoring-ok' : 'authoring-error'} data-testid="editor-notice">
          {notice.text}
        </p>
      )}

      <div className="lab-editor__panes">
        <div className="lab-editor__source">
          <div role="tablist" aria-label="Files of the lab" className="lab-editor__tabs">
            {paths.map((path) => (
              <button
                key={path}
                type="button"
                role="tab"
                aria-selected={path === active}
                className="lab-editor__tab"
                data-testid={`file-tab-${path}`}
                onClick={() => setActive(path)}
              >
                {path}
                {counts.get(path) ? <span className="lab-editor__tab-issues"> ({counts.get(path)})</span> : null}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={active}>
            <CodeEditor key={active} path={active} value={activeText} language={languageOf(active)} diagnostics={diagnostics} onChange={(text) => setFile(active, text)} />
          </div>
          <div className="lab-editor__files">
            <label className="visually-hidden" htmlFor="new-file-name">
              New file name
            </label>
            <input id="new-file-name" className="inline-input" placeholder="02-next-step" maxLength={80} value={newFile} onChange={(e) => setNewFile(e.target.value)} />
            <button type="button" className="button button--secondary button--small" onClick={() => addFile('steps')}>
              Add step text
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => addFile('files')}>
              Add file
            </button>
            {active !== 'lab.yaml' && (
              <button type="button" className="button button--secondary button--small" onClick={removeFile}>
                Remove {active}
              </button>
            )}
          </div>
          <section aria-label="Problems" className="lab-editor__issues">
            {issues.length > 0 && (
              <ul data-testid="issue-list">
                {issues.map((issue, index) => (
                  <li key={index}>
                    <button type="button" className="lab-editor__issue" onClick={() => setActive(issue.file)}>
                      {formatIssue(issue)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="lab-editor__preview">
          {previewPath ? <StepPreview path={previewPath} source={files[previewPath] ?? ''} preview={previewStep} /> : <p>Add a step text to preview it.</p>}
        </div>
      </div>

      <section className="lab-editor__section" aria-labelledby="self-test-heading">
        <h2 id="self-test-heading">Self-test</h2>
        <SelfTestPanel record={lab.selfTest} draftHash={lab.draftHash} running={busy === 'self-test'} />
      </section>

      <section className="lab-editor__section" aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publish</h2>
        <div className="action-form">
          <div className="field">
            <label htmlFor="publish-note">Note (optional)</label>
            <input id="publish-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="publish-audience">Who can take it</label>
            <select id="publish-audience" className="inline-input" value={audience} onChange={(e) => setAudience(e.target.value === 'everyone' ? 'everyone' : 'cohorts')}>
              <option value="cohorts">Learners in my cohorts</option>
              {canPublishToEveryone && <option value="everyone">Everyone</option>}
            </select>
          </div>
          <button type="button" className="button" data-testid="publish-lab" disabled={!canPublish} onClick={() => void publish()}>
            {busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        </div>
        {!selfTestPassedOnDraft && <p className="field__hint">Publishing waits for a self-test that passed on the saved draft.</p>}
        {dirty && <p className="field__hint">Save your changes first.</p>}
        {lab.currentVersion !== null && (
          <p>
            Learners open it at <a href={`/labs/custom/${labId}`}>/labs/custom/{labId}</a>.
          </p>
        )}
      </section>

      <section className="lab-editor__section" aria-labelledby="try-heading">
        <h2 id="try-heading">Try it</h2>
        <TryPanel labId={labId} ensureSaved={ensureSaved} labYaml={files['lab.yaml'] ?? ''} onLabYaml={(text) => setFile('lab.yaml', text)} />
      </section>

      <section className="lab-editor__section" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <HistoryPanel labId={labId} revision={revision} onRolledBack={() => void load().then(() => setRevision((n) => n + 1))} />
      </section>
    </div>
  );
}
