// What containers wrote beyond their start-up banner (access logs, CoreDNS query logs), by
// `namespace/pod/container`, capped per container. Not a model change: no resourceVersion moves.

import { MAX_LOG_LINES_PER_CONTAINER } from '../core/limits';

export interface LogLine {
  /** Simulation time (ms) the line was written. */
  at: number;
  line: string;
}

export class ContainerLogs {
  constructor(readonly state: Record<string, LogLine[]>) {}

  append(at: number, namespace: string, pod: string, container: string, line: string): void {
    const lines = (this.state[`${namespace}/${pod}/${container}`] ??= []);
    lines.push({ at, line });
    if (lines.length > MAX_LOG_LINES_PER_CONTAINER) lines.splice(0, lines.length - MAX_LOG_LINES_PER_CONTAINER);
  }

  lines(namespace: string, pod: string, container: string): readonly LogLine[] {
    return this.state[`${namespace}/${pod}/${container}`] ?? [];
  }
}
