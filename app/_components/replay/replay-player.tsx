'use client';
// Replays one attempt: loads it from the replay route, draws the recorded terminal up to the
// scrubber's position (forward appends, backward clears and writes again: replay-model.ts
// seekPlan), plays it at a chosen speed, and lists the commands and check changes beside it.
// With `live`, it hands over to LiveWatch, which follows the attempt as it happens.

import { useCallback, useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import './replay.css';
import { LiveWatch } from './live-watch';
import { ReplayLists } from './replay-lists';
import { chunksAt, formatOffset, PLAYBACK_SPEEDS, seekPlan, type ReplayView } from './replay-model';
import { openReplayTerminal, type ReplayTerminal } from './replay-terminal';
import { ReplayTimeline } from './replay-timeline';

declare global {
  interface Window {
    /** Test hook: the replay terminal's buffer as text. */
    flatnetReplayText?: () => string;
  }
}

/** Playback advances the position this often. */
const TICK_MS = 100;
/**
 * A command's time is when its event was stored, which can come a moment before the recorder
 * stamped its last output (they travel apart: control channel and pty); seeking to a command goes
 * this much past it so its output shows.
 */
const COMMAND_SEEK_SLACK_MS = 200;

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; replay: ReplayView };

export function ReplayPlayer({ attemptId, live }: { attemptId: string; live: boolean }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    if (live) return;
    let cancelled = false;
    fetch(`/api/attempts/${encodeURIComponent(attemptId)}/replay`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(response.status === 404 ? 'This attempt is not there, or not yours to see.' : 'The replay could not be loaded.');
        return (await response.json()) as ReplayView;
      })
      .then((replay) => !cancelled && setLoad({ state: 'ready', replay }))
      .catch((error: unknown) => !cancelled && setLoad({ state: 'error', message: error instanceof Error ? error.message : 'The replay could not be loaded.' }));
    return () => {
      cancelled = true;
    };
  }, [attemptId, live]);

  if (live) return <LiveWatch attemptId={attemptId} />;
  if (load.state === 'loading') return <p data-testid="replay-status">Loading the recording…</p>;
  if (load.state === 'error') return <p role="alert">{load.message}</p>;
  return <ReplayScreen replay={load.replay} />;
}

function ReplayScreen({ replay }: { replay: ReplayView }) {
  const container = useRef<HTMLDivElement>(null);
  const terminal = useRef<ReplayTerminal | null>(null);
  const shown = useRef(0);
  const [termReady, setTermReady] = useState(false);
  // Opened at the end: the whole recording, which is what someone opening a replay first wants to see.
  const [position, setPosition] = useState(replay.durationMs);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);

  useEffect(() => {
    let disposed = false;
    let opened: ReplayTerminal | null = null;
    void openReplayTerminal(container.current as HTMLDivElement).then((t) => {
      if (disposed) return t.dispose();
      opened = t;
      terminal.current = t;
      window.flatnetReplayText = () => t.text();
      setTermReady(true);
    });
    return () => {
      disposed = true;
      opened?.dispose();
      terminal.current = null;
      shown.current = 0;
      delete window.flatnetReplayText;
    };
  }, []);

  // Bring the terminal to the position: append going forward, start over going back.
  useEffect(() => {
    const t = terminal.current;
    if (!termReady || !t) return;
    const plan = seekPlan(shown.current, chunksAt(replay.chunks, position));
    if (plan.reset) t.reset();
    const data = replay.chunks
      .slice(plan.from, plan.to)
      .map((chunk) => chunk.data)
      .join('');
    if (data) t.write(data);
    shown.current = plan.to;
  }, [position, termReady, replay.chunks]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setPosition((current) => {
        const next = Math.min(replay.durationMs, current + TICK_MS * speed);
        if (next >= replay.durationMs) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, replay.durationMs]);

  const seek = useCallback((ms: number) => setPosition(Math.max(0, Math.min(replay.durationMs, ms))), [replay.durationMs]);
  const togglePlay = () => {
    if (!playing && position >= replay.durationMs) setPosition(0);
    setPlaying(!playing);
  };

  return (
    <div className="replay" data-testid="replay">
      <div className="replay__main">
        <div className="replay__terminal" ref={container} data-testid="replay-terminal" aria-label="Recorded terminal" role="region" />
        <ReplayTimeline durationMs={replay.durationMs} positionMs={position} commands={replay.commands} checks={replay.checks} onSeek={seek} />
        <div className="replay__controls">
          <button type="button" className="button button--small" onClick={togglePlay} data-testid="replay-play">
            {playing ? 'Pause' : 'Play'}
          </button>
          <label className="replay__speed">
            Speed{' '}
            <select value={speed} onChange={(event) => setSpeed(Number(event.currentTarget.value))} data-testid="replay-speed">
              {PLAYBACK_SPEEDS.map((option) => (
                <option key={option} value={option}>
                  {option}×
                </option>
              ))}
            </select>
          </label>
          <span className="replay__time" data-testid="replay-time">
            {formatOffset(position)} / {formatOffset(replay.durationMs)}
          </span>
        </div>
        {replay.chunks.length === 0 && <p className="replay__note">No terminal output was recorded for this attempt.</p>}
      </div>
      <ReplayLists commands={replay.commands} checks={replay.checks} positionMs={position} onSeek={seek} commandSlackMs={COMMAND_SEEK_SLACK_MS} />
    </div>
  );
}
