// Beside the replay's terminal: the commands with their times and exit codes, and the moments
// checks changed verdict. Each is a button that moves the replay to that moment; the one at or
// just before the current position is marked, so the list follows playback.

import type { ReplayCheckView, ReplayCommandView } from './replay-model';
import { formatOffset } from './replay-model';

export interface ReplayListsProps {
  commands: readonly ReplayCommandView[];
  checks: readonly ReplayCheckView[];
  positionMs: number;
  /** Absent while watching live: there is nowhere to move to. */
  onSeek?(ms: number): void;
  /** Added to a command's time when seeking to it (see replay-player.tsx). */
  commandSlackMs?: number;
}

export function ReplayLists({ commands, checks, positionMs, onSeek, commandSlackMs = 0 }: ReplayListsProps) {
  const current = commands.findLastIndex((command) => command.t <= positionMs);
  return (
    <div className="replay-lists">
      <h2>Commands</h2>
      {commands.length === 0 ? (
        <p className="replay-lists__empty">No commands yet.</p>
      ) : (
        <ol className="replay-lists__list" data-testid="replay-commands">
          {commands.map((command, index) => (
            <li key={command.id} aria-current={index === current ? 'step' : undefined}>
              <button
                type="button"
                className="replay-lists__item"
                disabled={!onSeek}
                onClick={() => onSeek?.(command.t + commandSlackMs)}
                data-testid="replay-command"
                data-exit-code={command.exitCode}
              >
                <span className="replay-lists__time">{formatOffset(command.t)}</span>
                <code className="replay-lists__line">{command.line}</code>
                <span className={`replay-lists__exit${command.exitCode === 0 ? '' : ' replay-lists__exit--failed'}`}>
                  exit {command.exitCode}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <h2>Checks</h2>
      {checks.length === 0 ? (
        <p className="replay-lists__empty">No check results yet.</p>
      ) : (
        <ol className="replay-lists__list" data-testid="replay-checks">
          {checks.map((check) => (
            <li key={check.id}>
              <button type="button" className="replay-lists__item" disabled={!onSeek} onClick={() => onSeek?.(check.t)} data-testid="replay-check" data-passed={String(check.passed)}>
                <span className="replay-lists__time">{formatOffset(check.t)}</span>
                <span className={`replay-lists__verdict replay-lists__verdict--${check.passed ? 'pass' : 'fail'}`} aria-hidden="true">
                  {check.passed ? '✓' : '✗'}
                </span>
                <span>
                  {check.title} {check.passed ? 'passed' : 'failing'}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
