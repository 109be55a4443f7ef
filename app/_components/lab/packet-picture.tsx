'use client';
// "Watch the packet": the walk of a failed reachability check, or of the learner's last `trace`
// in the terminal, drawn as a
// column of hop boxes joined by arrows (packet-picture-model.ts decides what each box says). The
// hop that ended the walk starts current and is highlighted with its rule; a rewrite (DNAT, IPVS)
// is marked too. The list is one tab stop: ArrowUp/ArrowDown (or k/j), Home/End move the current
// hop, whose details show beside it.

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { PacketTrace } from '../../../lab-engine/protocol';
import { packetPicture, type HopEmphasis } from './packet-picture-model';
import './packet-picture.css';

const EMPHASIS_TEXT: Record<HopEmphasis, string> = { dropped: 'ended here', refused: 'refused here', delivered: 'delivered here', rewritten: 'rewritten here', plain: '' };

export interface PacketPictureProps {
  /** Names the picture in tests: `packet-picture-<id>` (a check's id, or `trace` for the terminal's). */
  id: string;
  trace: PacketTrace;
  /** What the disclosure says before it is opened. */
  summary?: string;
}

export function PacketPicture({ id, trace, summary = 'Watch the packet' }: PacketPictureProps) {
  const picture = useMemo(() => packetPicture(trace), [trace]);
  const [current, setCurrent] = useState(trace.decidedAt ?? 0);
  const baseId = useId();
  const hop = picture.hops[Math.min(current, picture.hops.length - 1)];

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const last = picture.hops.length - 1;
    const moves: Record<string, number> = { ArrowDown: current + 1, j: current + 1, ArrowUp: current - 1, k: current - 1, Home: 0, End: last };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(Math.max(0, Math.min(last, next)));
  };

  return (
    <details className="packet-picture" data-testid={`packet-picture-${id}`}>
      <summary>{summary}</summary>
      <p className="packet-picture__summary">
        <code>{picture.probe}</code>: <strong data-testid="packet-outcome">{picture.outcome}</strong>
        {picture.truncated && <span> (long lists cut)</span>}
      </p>
      {picture.hops.length === 0 ? (
        <p>The packet ended before any hop.</p>
      ) : (
        <div className="packet-picture__body">
          <ol
            className="packet-picture__hops"
            role="listbox"
            tabIndex={0}
            aria-label="Hops the packet crossed (arrow keys or j/k to step)"
            aria-activedescendant={`${baseId}-hop-${hop.index}`}
            onKeyDown={onKeyDown}
          >
            {picture.hops.map((h) => (
              <li
                key={h.index}
                id={`${baseId}-hop-${h.index}`}
                role="option"
                aria-selected={h.index === hop.index}
                className={`packet-hop packet-hop--${h.emphasis}${h.index === hop.index ? ' packet-hop--current' : ''}`}
                data-testid="packet-hop"
                data-kind={h.kind}
                data-emphasis={h.emphasis}
                onClick={() => setCurrent(h.index)}
              >
                <span className="packet-hop__where">
                  {h.place} · <span data-testid="packet-hop-hook">{h.hook}</span>
                </span>
                <span className="packet-hop__decision">{h.decision}</span>
                {h.emphasis !== 'plain' && (
                  <>
                    <span className="packet-hop__badge">{EMPHASIS_TEXT[h.emphasis]}</span>
                    {h.rule && <code className="packet-hop__rule">{h.rule}</code>}
                  </>
                )}
              </li>
            ))}
          </ol>
          <section className="packet-picture__details" aria-live="polite" data-testid="packet-hop-details">
            <h4>
              Hop {hop.index + 1} of {picture.hops.length}: {hop.hook}
            </h4>
            <p>{hop.decision}</p>
            {hop.rule && <code className="packet-hop__rule">{hop.rule}</code>}
            <dl>
              {hop.details.map((d, i) => (
                <div key={i}>
                  <dt>{d.label}</dt>
                  <dd>{d.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      )}
    </details>
  );
}
