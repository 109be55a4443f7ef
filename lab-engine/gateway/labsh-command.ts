// How the gateway starts one labsh child: the bundled engine when built, with the V8 flags and the
// allocator setting that keep an idle session small, inside the sandbox of labsh-sandbox.ts where
// the host allows it.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabshCommand } from './lab-process';
import { UNSHARE, grantControlSocket, probeSandbox, sandboxModeFromEnv, sandboxPrefix, type LabshSandboxMode, type SandboxProbe } from './labsh-sandbox';

/**
 * V8 flags for every labsh child, each measured on the 2-core machine (idle child under the
 * gateway, mean VmRSS of 8, commands lazy and the lab sent with init):
 * - `--max-semi-space-size=1`: a 1 MB young generation instead of 16 MB (about 2 MB less);
 *   scavenges of a lab's small heap stay well under a millisecond.
 * - `--single-threaded`: no V8 worker threads (concurrent marking, compilation): 52.2 → 51.4 MB.
 * - `--no-opt`: no TurboFan. Starting a lab runs enough code to wake the optimizing compiler,
 *   whose pages of the node binary then count in every child: 51.4 → 47.6 MB. At a lab's scale
 *   commands cost the same (50 pods: `kubectl get pods -A -o wide; curl` ~1.5 ms a round either
 *   way, and `labsh -c` of 20 rounds ends sooner, 525 → 433 ms, with nothing compiled twice); at
 *   1,000 pods, ten `kubectl get pods -A -o wide` and the rollout take 7.0 s instead of 4.2 s.
 *   Sparkplug stays: `--jitless --no-expose-wasm` (47.0 MB) saved 0.6 MB more but took 8.8 s
 *   there. `--lite-mode` moved memory into malloc (same total); `--jitless` alone prints a
 *   warning into the terminal. `--no-sparkplug` (measured again with the start in one chunk):
 *   0.2 MB less, 45.4 → 45.2 MB in the bench, for 30 % more CPU on 300 pods (2.5 → 3.3 s of
 *   `kubectl get pods -A -o wide` and friends); not taken. Raising `--interrupt-budget` or the
 *   feedback-allocation budgets changed nothing measurable.
 */
export const LABSH_NODE_FLAGS = ['--max-semi-space-size=1', '--single-threaded', '--no-opt'];

/**
 * V8 flags for a session host (labsh --host), whose sessions are worker threads: the same small
 * young generation and no TurboFan, for the same reasons; each worker's heap is capped on its own
 * (session-host.ts). Measured in session-host-pool's bench notes (README "Session hosts").
 */
export const LABSH_HOST_NODE_FLAGS = ['--max-semi-space-size=1', '--no-opt'];

/**
 * glibc's trim threshold, fixed at its own default (128 KiB). Left unset, glibc adjusts its mmap
 * threshold (and the trim threshold with it, to twice that) upward each time a block it mmap()ed
 * is freed (glibc manual, "Malloc Tunable Parameters"); compiling labsh's 700 KB start chunk does
 * that, and what the start then frees stays in the process's brk heap instead of going back to
 * the kernel. Set, the dynamic adjustment is off and free() returns the top of the heap. Measured
 * under the gateway (idle child, mean VmRSS of 4): 50.7 → 47.2 MB; loading the start chunk alone,
 * 50.9 → 47.4 MB, its brk heap 6.7 → 2.9 MB. MALLOC_MMAP_THRESHOLD_=131072 did the same; a 1 MiB
 * trim threshold kept 0.7 MB more. Nothing else changes: the same memory, handed back.
 */
export const LABSH_ENV: Record<string, string> = { MALLOC_TRIM_THRESHOLD_: '131072' };

export interface LabshCommandOptions {
  /** Defaults to FLATNET_LABSH_SANDBOX, else `auto`. */
  sandbox?: LabshSandboxMode;
  /** Where the one warning goes when `auto` finds no sandbox. */
  warn?: (message: string) => void;
  /** Stands in for the host check in tests of the fallback. */
  probe?: () => SandboxProbe;
}

/**
 * The command for every labsh child, decided once (the caller calls this at start): sandboxed when
 * the host can, the plain command with one warning when `auto` finds it cannot, and an error when
 * `required` finds it cannot (the server then refuses to start).
 */
export function labshCommand(dir: string, options: LabshCommandOptions = {}): LabshCommand {
  const plain = plainLabshCommand(dir);
  const mode = options.sandbox ?? sandboxModeFromEnv();
  if (mode === 'off') return plain;
  const readable = [plain.args[plain.args.length - 2], join(dir, 'content', 'labs')];
  const probe = options.probe ? options.probe() : probeSandbox({ cwd: dir, readable });
  if (!probe.ok) {
    const message = `labsh sandbox unavailable: ${probe.reason}`;
    if (mode === 'required') throw new Error(`${message} (FLATNET_LABSH_SANDBOX=required)`);
    (options.warn ?? ((m: string) => console.warn(`[flatnet] ${m}`)))(`${message}; labsh runs with the server's privileges (FLATNET_LABSH_SANDBOX=auto)`);
    return plain;
  }
  return {
    file: UNSHARE,
    args: [...sandboxPrefix(), plain.file, ...plain.args],
    hostArgs: plain.hostArgs && [...sandboxPrefix(), plain.file, ...plain.hostArgs],
    env: plain.env,
    prepareControlSocket: grantControlSocket,
  };
}

/** The bundled labsh when built, else the TypeScript sources through tsx (slower to start). */
function plainLabshCommand(dir: string): LabshCommand {
  const bundle = join(dir, 'lab-engine', 'dist', 'labsh.cjs');
  const entry = existsSync(bundle) ? bundle : join(dir, 'lab-engine', 'bin', 'labsh.mjs');
  return {
    file: process.execPath,
    args: [...LABSH_NODE_FLAGS, entry, '--gateway'],
    hostArgs: [...LABSH_HOST_NODE_FLAGS, entry, '--host'],
    env: LABSH_ENV,
  };
}
