'use client';
// The lab beside a lesson or on its own page: Start (or automatic reattach to the learner's
// active attempt), the terminal, the live check list, and the bridge from lessons' Run buttons
// (the `flatnet:run-command` window event) into the terminal.

import { useCallback, useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import './lab-panel.css';
import type { CheckResultMessage } from '../../lab-engine/protocol';
import { openLabTerminal, type ConnectionState, type LabTerminalHandle } from './lab-terminal';

interface CheckInfo {
  id: string;
  title: string;
  stepId: string;
}

interface AttemptInfo {
  attemptId: string;
  labId: string;
  title: string;
  checks: CheckInfo[];
  results: CheckResultMessage[];
}

type PanelState = 'loading' | 'signed-out' | 'idle' | 'starting' | ConnectionState | 'error';

const STATE_LABEL: Record<PanelState, string> = {
  loading: 'Loading…',
  'signed-out': 'Signed out',
  idle: 'Not started',
  starting: 'Starting…',
  connecting: 'Connecting…',
  ready: 'Connected',
  reconnecting: 'Reconnecting…',
  restarting: 'Resuming…',
  failed: 'Disconnected',
  closed: 'Closed',
  error: 'Error',
};

declare global {
  interface Window {
    /** Test hook: the lab terminal's buffer as text (Playwright asserts on it, not on pixels). */
    flatnetTerminalText?: () => string;
  }
}

async function fetchAttempt(labId: string, create: boolean): Promise<AttemptInfo | 'signed-out' | null> {
  const response = create
    ? await fetch('/api/attempts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ labId }) })
    : await fetch(`/api/attempts?labId=${encodeURIComponent(labId)}`, { cache: 'no-store' });
  if (response.status === 401) return 'signed-out';
  if (response.status === 404 && !create) return null;
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).message ?? `HTTP ${response.status}`);
  return (await response.json()) as AttemptInfo;
}

export function LabPanel({ labId, compact = false }: { labId: string; compact?: boolean }) {
  const [state, setState] = useState<PanelState>('loading');
  const [attempt, setAttempt] = useState<AttemptInfo | null>(null);
  const [results, setResults] = useState<Map<string, CheckResultMessage>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<LabTerminalHandle | null>(null);
  const pendingRuns = useRef<string[]>([]);
  const startingRef = useRef(false);

  const applyResults = useCallback((list: CheckResultMessage[]) => {
    setResults(new Map(list.map((r) => [r.checkId, r])));
  }, []);

  const start = useCallback(async () => {
    if (startingRef.current || terminalRef.current) return;
    startingRef.current = true;
    setState('starting');
    setError(null);
    try {
      const info = await fetchAttempt(labId, true);
      if (info === 'signed-out' || info === null) {
        setState('signed-out');
        return;
      }
      setAttempt(info);
      applyResults(info.results);
    } catch (e) {
      setError((e as Error).message);
      setState('error');
    } finally {
      startingRef.current = false;
    }
  }, [labId, applyResults]);

  // Reset: after confirmation the server closes this attempt, stops its terminal and hands back a
  // fresh one; changing `attempt` disposes the old terminal and opens the new one.
  const reset = useCallback(async () => {
    if (!attempt) return;
    if (!window.confirm('Reset this lab? The cluster starts over from the beginning and your commands so far are set aside.')) return;
    setState('starting');
    setError(null);
    try {
      const response = await fetch(`/api/attempts/${encodeURIComponent(attempt.attemptId)}/reset`, { method: 'POST' });
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).message ?? `HTTP ${response.status}`);
      const info = (await response.json()) as AttemptInfo;
      setAttempt(info);
      applyResults(info.results);
    } catch (e) {
      setError((e as Error).message);
      setState('error');
    }
  }, [attempt, applyResults]);

  // On load: reattach to the learner's active attempt, if there is one.
  useEffect(() => {
    let cancelled = false;
    fetchAttempt(labId, false).then(
      (info) => {
        if (cancelled) return;
        if (info === 'signed-out') setState('signed-out');
        else if (info === null) setState('idle');
        else {
          setAttempt(info);
          applyResults(info.results);
        }
      },
      (e) => {
        if (!cancelled) {
          setError((e as Error).message);
          setState('error');
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [labId, applyResults]);

  // Once there is an attempt, open its terminal.
  useEffect(() => {
    if (!attempt || !containerRef.current) return;
    let handle: LabTerminalHandle | null = null;
    let cancelled = false;
    openLabTerminal(containerRef.current, attempt.attemptId, { onState: setState, onChecks: applyResults }).then((h) => {
      if (cancelled) return h.dispose();
      handle = h;
      terminalRef.current = h;
      window.flatnetTerminalText = () => h.text();
      for (const command of pendingRuns.current.splice(0)) h.run(command);
    });
    return () => {
      cancelled = true;
      handle?.dispose();
      terminalRef.current = null;
    };
  }, [attempt, applyResults]);

  // Run buttons in lessons type into this terminal, starting the lab first if needed.
  useEffect(() => {
    const onRun = (event: Event) => {
      const command = (event as CustomEvent<{ command: string }>).detail?.command;
      if (!command) return;
      if (terminalRef.current) terminalRef.current.run(command);
      else {
        pendingRuns.current.push(command);
        void start();
      }
    };
    window.addEventListener('flatnet:run-command', onRun);
    return () => window.removeEventListener('flatnet:run-command', onRun);
  }, [start]);

  const passedCount = attempt ? attempt.checks.filter((c) => results.get(c.id)?.passed).length : 0;

  return (
    <section className={`lab-panel${compact ? ' lab-panel--compact' : ''}`} aria-label="Lab" data-lab-id={labId}>
      <header className="lab-panel__header">
        <strong>{attempt?.title ?? 'Lab'}</strong>
        <span className={`lab-panel__status lab-panel__status--${state}`} data-testid="connection-state" role="status">
          {STATE_LABEL[state]}
        </span>
        {attempt && (
          <button type="button" className="lab-panel__reset" data-testid="reset-lab" onClick={() => void reset()}>
            Reset lab
          </button>
        )}
      </header>
      {attempt && error && <p className="lab-panel__error">Could not reset the lab: {error}</p>}
      {state === 'signed-out' && (
        <p className="lab-panel__message">
          <a href={`/signin?next=${encodeURIComponent(typeof location === 'undefined' ? '/' : location.pathname)}`}>Sign in</a> to start
          the lab: your cluster and your progress are kept for you.
        </p>
      )}
      {(state === 'idle' || state === 'error') && !attempt && (
        <div className="lab-panel__message">
          <button type="button" className="button" data-testid="start-lab" onClick={() => void start()}>
            Start lab
          </button>
          {error && <p className="lab-panel__error">Could not start the lab: {error}</p>}
        </div>
      )}
      <div className="lab-panel__terminal" ref={containerRef} data-testid="terminal" hidden={!attempt} />
      {attempt && (
        <div className="lab-panel__checks" aria-live="polite">
          <h3>
            Checks <span>{passedCount}/{attempt.checks.length}</span>
          </h3>
          <ul>
            {attempt.checks.map((check) => {
              const result = results.get(check.id);
              const passed = result?.passed ?? false;
              return (
                <li key={check.id} data-testid={`check-${check.id}`} data-passed={passed ? 'true' : 'false'} className={passed ? 'passed' : 'pending'}>
                  <span aria-hidden="true">{passed ? '✔' : '○'}</span> {check.title}
                  {result && !passed && <small>{result.reason}</small>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
