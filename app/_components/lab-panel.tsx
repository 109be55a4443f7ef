'use client';
// The terminal beside a lab or a lesson. On a lab's page (`mode="lab"`) it is the graded attempt:
// the lab's steps as a path, each with its checks, hints and done state, and a "Lab complete"
// moment that points onward. Beside a lesson (`mode="sandbox"`) it is the learner's sandbox for
// that module: the lab's cluster set up afresh, where Run blocks type, never graded and never
// the lab's attempt. In the lab editor (`mode="trial"`) it is the author's Try it: a scratch
// attempt on their saved draft (kind `trial`), with the draft's checks, never progress. Each starts on demand (or reattaches to the open attempt) and bridges the
// lessons' Run buttons (lesson/run-bridge.ts) into the terminal. The learner's last `trace` is
// drawn under the terminal (lab/packet-picture.tsx).

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import './lab-panel.css';
import type { CheckResultMessage, WalkFields } from '../../lab-engine/protocol';
import { fetchAttempt, loadReadSteps, openHint, resetAttempt, saveReadSteps } from './lab/lab-api';
import { LabComplete } from './lab/lab-complete';
import { LabSteps } from './lab/lab-steps';
import type { AttemptInfo, NextLink, RevealedHint, StepView } from './lab/lab-types';
import { FlatChecks } from './lab/flat-checks';
import { PacketPicture } from './lab/packet-picture';
import { TypeaheadSetting } from './lab/typeahead-setting';
import { isLabComplete, stepStates } from './lab/step-states';
import { openLabTerminal, type ConnectionState, type LabTerminalHandle } from './lab-terminal';
import { RUN_COMMAND_EVENT, reportRun, runRequestOf, type RunRequest } from './lesson/run-bridge';

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
  full: 'Machine full',
  closed: 'Closed',
  error: 'Error',
};

declare global {
  interface Window {
    /** Test hook: the lab terminal's buffer as text (Playwright asserts on it, not on pixels). */
    flatnetTerminalText?: () => string;
    /** Test hook: the same with the keys the page predicted (typeahead), as the learner sees it. */
    flatnetTerminalScreen?: () => string;
  }
}

export interface LabPanelProps {
  labId: string;
  /** lab: the graded attempt (default); sandbox: the lesson's own cluster; trial: an author trying their draft. */
  mode?: 'lab' | 'sandbox' | 'trial';
  /** Told the attempt's id whenever it changes (the lab editor records a trial's commands by it). */
  onAttempt?: (attemptId: string | null) => void;
  /** The lab's steps (lab mode): the path the panel shows. */
  steps?: StepView[];
  /** Where the course goes after this lab, for the "Lab complete" moment. */
  next?: NextLink | null;
  /** The lab's own page and title, linked from a sandbox. */
  labHref?: string;
  labTitle?: string;
  /** A sandbox whose cluster is a lesson sandbox lab (module.yaml `sandbox:`), not set up like the linked lab. */
  ownCluster?: boolean;
  compact?: boolean;
}

export function LabPanel({ labId, mode = 'lab', steps = [], next = null, labHref, labTitle, ownCluster = false, compact = false, onAttempt }: LabPanelProps) {
  const [state, setState] = useState<PanelState>('loading');
  const [attempt, setAttempt] = useState<AttemptInfo | null>(null);
  const [results, setResults] = useState<Map<string, CheckResultMessage>>(new Map());
  const [revealed, setRevealed] = useState<RevealedHint[]>([]);
  const [readSteps, setReadSteps] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  // The learner's last `trace`, numbered so a new one redraws from its deciding hop.
  const [walk, setWalk] = useState<{ n: number; fields: WalkFields } | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<LabTerminalHandle | null>(null);
  const pendingRuns = useRef<RunRequest[]>([]);
  const startingRef = useRef(false);
  const attemptId = attempt?.attemptId ?? null;
  const sandbox = mode === 'sandbox';
  const trial = mode === 'trial';

  useEffect(() => {
    onAttempt?.(attemptId);
  }, [onAttempt, attemptId]);

  const applyResults = useCallback((list: CheckResultMessage[]) => {
    setResults(new Map(list.map((r) => [r.checkId, r])));
  }, []);

  const adopt = useCallback(
    (info: AttemptInfo) => {
      setAttempt(info);
      applyResults(info.results);
      setRevealed(info.revealedHints);
      setReadSteps(loadReadSteps(info.attemptId));
    },
    [applyResults],
  );

  const start = useCallback(async () => {
    if (startingRef.current || terminalRef.current) return;
    startingRef.current = true;
    setState('starting');
    setError(null);
    try {
      const info = await fetchAttempt(labId, mode, true);
      if (info === 'signed-out' || info === null) {
        // The Run buttons that asked say why nothing runs, and link to sign-in (run-bridge.ts).
        for (const run of pendingRuns.current.splice(0)) reportRun(run.id, 'signed-out');
        setState('signed-out');
        return;
      }
      adopt(info);
    } catch (e) {
      setError((e as Error).message);
      setState('error');
    } finally {
      startingRef.current = false;
    }
  }, [labId, mode, adopt]);

  // Reset: after confirmation the server closes this attempt, stops its terminal and hands back a
  // fresh one of the same kind; a new attempt id disposes the old terminal and opens the new one.
  const reset = useCallback(async () => {
    if (!attempt) return;
    const question = sandbox
      ? 'Reset your lesson sandbox? Its cluster starts over; the lab is not affected.'
      : trial
        ? 'Start the trial over? The draft’s cluster is set up again and the commands typed so far are set aside.'
        : 'Reset this lab? The cluster starts over from the beginning and your commands so far are set aside.';
    if (!window.confirm(question)) return;
    setState('starting');
    setError(null);
    try {
      adopt(await resetAttempt(attempt.attemptId));
    } catch (e) {
      setError((e as Error).message);
      setState('error');
    }
  }, [attempt, sandbox, trial, adopt]);

  // On load: reattach to the learner's open attempt of this kind, if there is one.
  useEffect(() => {
    let cancelled = false;
    fetchAttempt(labId, mode, false).then(
      (info) => {
        if (cancelled) return;
        if (info === 'signed-out') setState('signed-out');
        else if (info === null) setState('idle');
        else adopt(info);
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
  }, [labId, mode, adopt]);

  // Once there is an attempt, open its terminal (again only when the attempt itself changes).
  useEffect(() => {
    if (!attemptId || !containerRef.current) return;
    let handle: LabTerminalHandle | null = null;
    let cancelled = false;
    setWalk(null);
    const onWalk = (fields: WalkFields) => setWalk((last) => ({ n: (last?.n ?? 0) + 1, fields }));
    openLabTerminal(containerRef.current, attemptId, { onState: setState, onChecks: applyResults, onWalk }).then((h) => {
      if (cancelled) return h.dispose();
      handle = h;
      terminalRef.current = h;
      window.flatnetTerminalText = () => h.text();
      window.flatnetTerminalScreen = () => h.screenText();
      for (const command of pendingRuns.current.splice(0)) h.run(command);
    });
    return () => {
      cancelled = true;
      handle?.dispose();
      terminalRef.current = null;
    };
  }, [attemptId, applyResults]);

  // Run buttons in lessons type into this terminal, starting it first if needed.
  useEffect(() => {
    const onRun = (event: Event) => {
      const command = runRequestOf(event);
      if (!command) return;
      if (terminalRef.current) terminalRef.current.run(command);
      else {
        pendingRuns.current.push(command);
        void start();
      }
    };
    window.addEventListener(RUN_COMMAND_EVENT, onRun);
    return () => window.removeEventListener(RUN_COMMAND_EVENT, onRun);
  }, [start]);

  const passed = useCallback((id: string) => results.get(id)?.passed ?? false, [results]);
  const checkIds = useMemo(() => attempt?.checks.map((c) => c.id) ?? [], [attempt]);
  const complete = !sandbox && attempt !== null && isLabComplete(checkIds, passed, attempt.status === 'completed');
  const recordedComplete = attempt?.status === 'completed';

  // The server records completion as the results arrive; fetch its figures (time, hints) once it has.
  useEffect(() => {
    if (!complete || recordedComplete) return;
    let cancelled = false;
    let tries = 0;
    const poll = async () => {
      tries += 1;
      const info = await fetchAttempt(labId, mode, false).catch(() => null);
      if (cancelled) return;
      if (info && info !== 'signed-out' && info.attemptId === attemptId && info.status === 'completed') {
        setAttempt((current) => (current && current.attemptId === info.attemptId ? { ...current, status: info.status, completedAt: info.completedAt, timeSpentSeconds: info.timeSpentSeconds, hintsUsed: info.hintsUsed } : current));
      } else if (tries < 5) timer = setTimeout(poll, 600 * tries);
    };
    let timer = setTimeout(poll, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [complete, recordedComplete, labId, mode, attemptId]);

  const onOpenHint = useCallback(
    async (stepId: string, index: number) => {
      if (!attemptId) return 'Start the lab first.';
      try {
        setRevealed(await openHint(attemptId, stepId, index));
        return null;
      } catch (e) {
        return `Could not open the hint: ${(e as Error).message}`;
      }
    },
    [attemptId],
  );

  const onStepRead = useCallback(
    (stepId: string) => {
      if (!attemptId) return;
      setReadSteps((current) => {
        const updated = new Set(current).add(stepId);
        saveReadSteps(attemptId, updated);
        return updated;
      });
    },
    [attemptId],
  );

  const checksById = useMemo(() => new Map((attempt?.checks ?? []).map((c) => [c.id, c])), [attempt]);
  const states = useMemo(() => stepStates(steps, passed, readSteps, complete), [steps, passed, readSteps, complete]);
  const openedHints = useCallback((stepId: string) => revealed.filter((h) => h.stepId === stepId).length, [revealed]);
  const noun = sandbox ? 'sandbox' : trial ? 'trial' : 'lab';

  return (
    <section
      className={`lab-panel lab-panel--${mode}${compact ? ' lab-panel--compact' : ''}`}
      aria-label={sandbox ? 'Lesson sandbox' : trial ? 'Trial run' : 'Lab'}
      data-lab-id={labId}
      data-mode={mode}
      data-attempt-id={attemptId ?? undefined}
    >
      <header className="lab-panel__header">
        <strong>{sandbox ? 'Sandbox' : trial ? `Try it${attempt ? `: ${attempt.title}` : ''}` : (attempt?.title ?? 'Lab')}</strong>
        <span className={`lab-panel__status lab-panel__status--${state}`} data-testid="connection-state" role="status">
          {STATE_LABEL[state]}
        </span>
        {attempt && <TypeaheadSetting onChange={(m) => terminalRef.current?.setTypeahead(m)} />}
        {attempt && (
          <button type="button" className="lab-panel__reset" data-testid="reset-lab" onClick={() => void reset()}>
            Reset {noun}
          </button>
        )}
      </header>
      {sandbox && (
        <p className="lab-panel__note" data-testid="sandbox-note">
          {ownCluster
            ? 'Your own cluster for this lesson, set up with what the lessons show: Run blocks type here, and you can break it freely.'
            : 'Your own cluster for this lesson, set up like the module’s lab: Run blocks type here, and you can break it freely.'}{' '}
          The lab itself{' '}
          {labHref ? <a href={labHref}>{labTitle ?? attempt?.title ?? 'on its own page'}</a> : null} starts from a clean
          cluster, and only the lab counts as progress.
        </p>
      )}
      {attempt && error && <p className="lab-panel__error">Could not reset the {noun}: {error}</p>}
      {attempt && state === 'failed' && (
        // The gateway gave up after repeated crashes (or the socket could not reconnect): Reset is the way on, not a dead terminal.
        <div className="lab-panel__message" role="alert" data-testid="lab-failed">
          <p>The {noun} keeps stopping. Reset it to start over, or reload the page to resume from your last save.</p>
          <button type="button" className="button" data-testid="reset-after-failure" onClick={() => void reset()}>
            Reset {noun}
          </button>
        </div>
      )}
      {state === 'signed-out' && (
        <p className="lab-panel__message">
          <a href={`/signin?next=${encodeURIComponent(typeof location === 'undefined' ? '/' : location.pathname)}`}>Sign in</a> to start
          the {noun}: your cluster and your progress are kept for you.
        </p>
      )}
      {(state === 'idle' || state === 'error') && !attempt && (
        <div className="lab-panel__message">
          <button type="button" className="button" data-testid="start-lab" onClick={() => void start()}>
            Start {noun}
          </button>
          {error && <p className="lab-panel__error">Could not start the {noun}: {error}</p>}
        </div>
      )}
      <div className="lab-panel__terminal" ref={containerRef} data-testid="terminal" hidden={!attempt} />
      {attempt && walk && (
        <div className="lab-panel__walk">
          <PacketPicture
            key={walk.n}
            id="trace"
            trace={walk.fields.trace}
            summary={`Watch the packet of your last trace: ${walk.fields.source} → ${walk.fields.destination}`}
          />
        </div>
      )}
      {attempt && !sandbox && steps.length > 0 && (
        <div className="lab-panel__path">
          {complete && <LabComplete steps={steps} timeSpentSeconds={attempt.timeSpentSeconds} hintsUsed={attempt.hintsUsed} next={next} />}
          <LabSteps
            steps={steps}
            states={states}
            checks={checksById}
            results={results}
            openedHints={openedHints}
            onOpenHint={onOpenHint}
            onStepRead={onStepRead}
          />
        </div>
      )}
      {attempt && (sandbox || steps.length === 0) && (
        <FlatChecks
          title={sandbox ? (ownCluster ? 'This sandbox is healthy when' : 'The lab’s checks, on this sandbox (practice)') : trial ? 'The draft’s checks' : 'Checks'}
          checks={attempt.checks}
          results={results}
        />
      )}
    </section>
  );
}
