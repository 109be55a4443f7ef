'use client';
// Follows an attempt as it happens, read-only: an EventSource on the live route
// (app/_server/live-replay-stream.ts) whose events draw the terminal and grow the lists. There is
// no input: the terminal's stdin is disabled and nothing here sends to the attempt. EventSource
// reconnects by itself; a `screen` event then clears the terminal and draws it afresh.

import { useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import './replay.css';
import { ReplayLists } from './replay-lists';
import type { ReplayCheckView, ReplayCommandView } from './replay-model';
import { openReplayTerminal } from './replay-terminal';

type Connection = 'connecting' | 'live' | 'recorded' | 'lost';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live: following the terminal as the learner types',
  recorded: 'The lab is not running: showing what was recorded, and following it if the learner comes back',
  lost: 'Connection lost; trying again…',
};

export function LiveWatch({ attemptId }: { attemptId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [commands, setCommands] = useState<ReplayCommandView[]>([]);
  const [checks, setChecks] = useState<ReplayCheckView[]>([]);

  useEffect(() => {
    let disposed = false;
    let cleanup: () => void = () => undefined;
    void openReplayTerminal(container.current as HTMLDivElement).then((term) => {
      if (disposed) return term.dispose();
      window.flatnetReplayText = () => term.text();
      const source = new EventSource(`/api/attempts/${encodeURIComponent(attemptId)}/live`);
      const on = <T,>(type: string, handle: (event: T) => void) =>
        source.addEventListener(type, (message) => handle(JSON.parse((message as MessageEvent<string>).data) as T));
      on<{ data: string }>('screen', (event) => {
        term.reset();
        term.write(event.data);
      });
      on<{ data: string }>('output', (event) => term.write(event.data));
      on<{ command: ReplayCommandView }>('command', (event) => setCommands((list) => (list.some((c) => c.id === event.command.id) ? list : [...list, event.command])));
      on<{ check: ReplayCheckView }>('check', (event) => setChecks((list) => (list.some((c) => c.id === event.check.id) ? list : [...list, event.check])));
      on<{ live: boolean }>('status', (event) => setConnection(event.live ? 'live' : 'recorded'));
      source.addEventListener('open', () => {
        // Each connection (a reconnect too) starts the feed over from the beginning.
        term.reset();
        setCommands([]);
        setChecks([]);
        setConnection((current) => (current === 'lost' ? 'connecting' : current));
      });
      source.addEventListener('error', () => setConnection('lost'));
      cleanup = () => {
        source.close();
        term.dispose();
        delete window.flatnetReplayText;
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [attemptId]);

  return (
    <div className="replay" data-testid="live-watch">
      <div className="replay__main">
        <p className="replay__live" role="status" data-testid="live-state" data-state={connection}>
          {CONNECTION_TEXT[connection]}
        </p>
        <div className="replay__terminal" ref={container} data-testid="replay-terminal" aria-label="The learner's terminal, live and read-only" role="region" />
      </div>
      <ReplayLists commands={commands} checks={checks} positionMs={Number.POSITIVE_INFINITY} />
    </div>
  );
}
