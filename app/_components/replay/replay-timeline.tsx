// The replay's timeline: a native range input (so arrows, Page Up/Down, Home and End move it, and
// screen readers announce it with its time) with marks above it for each command and for each
// moment a check turned green (✓) or red (✗); a check's first verdict, when failing, is where it
// started rather than a turn, and gets no mark. Marks are decoration with a title; the lists
// beside the terminal offer the same moments as buttons.

import type { ReplayCheckView, ReplayCommandView } from './replay-model';
import { formatOffset, timelinePercent, turningPoints } from './replay-model';

export interface ReplayTimelineProps {
  durationMs: number;
  positionMs: number;
  commands: readonly ReplayCommandView[];
  checks: readonly ReplayCheckView[];
  onSeek(ms: number): void;
}

/** The range moves in tenths of a second; arrow keys move one step, so a finer step would crawl. */
const STEP_MS = 100;

export function ReplayTimeline({ durationMs, positionMs, commands, checks, onSeek }: ReplayTimelineProps) {
  return (
    <div className="replay-timeline">
      <div className="replay-timeline__marks" aria-hidden="true">
        {commands.map((command) => (
          <span
            key={`c${command.id}`}
            className={`replay-timeline__mark replay-timeline__mark--command${command.exitCode === 0 ? '' : ' replay-timeline__mark--failed'}`}
            style={{ left: `${timelinePercent(command.t, durationMs)}%` }}
            title={`${formatOffset(command.t)} ${command.line}`}
            data-testid="timeline-command"
            onClick={() => onSeek(command.t)}
          />
        ))}
        {turningPoints(checks).map((check) => (
          <span
            key={`k${check.id}`}
            className={`replay-timeline__check replay-timeline__check--${check.passed ? 'pass' : 'fail'}`}
            style={{ left: `${timelinePercent(check.t, durationMs)}%` }}
            title={`${formatOffset(check.t)} ${check.title}: ${check.passed ? 'passed' : 'failing'}`}
            data-testid={`timeline-check-${check.checkId}`}
            data-passed={String(check.passed)}
            onClick={() => onSeek(check.t)}
          >
            {check.passed ? '✓' : '✗'}
          </span>
        ))}
      </div>
      <input
        type="range"
        className="replay-timeline__range"
        min={0}
        max={Math.max(durationMs, STEP_MS)}
        step={STEP_MS}
        value={Math.min(positionMs, Math.max(durationMs, STEP_MS))}
        aria-label="Position in the recording"
        aria-valuetext={`${formatOffset(positionMs)} of ${formatOffset(durationMs)}`}
        data-testid="replay-scrubber"
        onChange={(event) => onSeek(Number(event.currentTarget.value))}
      />
    </div>
  );
}
