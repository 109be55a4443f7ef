// The learner's hand-made network changes, per node, in the order they were made: the one record
// of them, kept in the session snapshot. A change is tried on the dataplane as it is now before it
// is kept (so `ip` answers with the kernel's error and nothing is stored on a failure), and every
// rebuild of the dataplane from the cluster replays the kept list on top (overlay), so the CNI's
// devices and the learner's stay consistent whatever the cluster does in between. A change that
// no longer applies on replay (a CNI device it named is gone) is skipped, as the kernel would have
// refused it then.

import { MAX_HAND_BUILT_CHANGES } from '../../../core/limits';
import type { Dataplane } from '../types';
import { applyHandOp } from './apply-hand-op';
import type { HandError, HandOp } from './hand-ops';

/** node → its changes in order; plain JSON for the snapshot. */
export type HandBuiltState = Record<string, HandOp[]>;

export class HandBuiltNetworks {
  private state: HandBuiltState = {};
  private changes = 0;

  /** Grows with every kept change (the dataplane cache rebuilds on it). */
  revision(): number {
    return this.changes;
  }

  /** Tries `op` on `dp` (the current dataplane, which it changes in place) and keeps it when the kernel took it. */
  change(dp: Dataplane, node: string, op: HandOp): HandError | undefined {
    const list = this.state[node] ?? [];
    if (list.length >= MAX_HAND_BUILT_CHANGES) return { error: 'limit', limit: MAX_HAND_BUILT_CHANGES, what: 'changes' };
    const error = applyHandOp(dp, node, op, list.length);
    if (error) return error;
    this.state[node] = [...list, op];
    this.changes++;
    return undefined;
  }

  /** Replays every node's changes on a dataplane just built from the cluster. */
  overlay(dp: Dataplane): void {
    for (const [node, ops] of Object.entries(this.state)) {
      if (!dp.nodes[node]) continue;
      ops.forEach((op, seq) => applyHandOp(dp, node, op, seq));
    }
  }

  /** Whether any node has a change (snapshots of untouched sessions stay as they were). */
  empty(): boolean {
    return Object.keys(this.state).length === 0;
  }

  toJSON(): HandBuiltState {
    return structuredClone(this.state);
  }

  restore(state: HandBuiltState): void {
    this.state = structuredClone(state);
    this.changes++;
  }
}
