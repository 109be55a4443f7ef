// labsh: the learner's shell on a simulated cluster. Three ways in (DESIGN.md "Command-line
// contracts"): `-c CMD` or a SCRIPT or piped stdin run and exit; a TTY gets the interactive REPL;
// `--gateway` (spawned in a pty by the gateway) adds the control channel for checks and snapshots;
// `--host` (spawned by the gateway's session-host pool) runs many such sessions on worker threads.

// node:fs, not node:fs/promises: loading the latter (and the watchers it brings) costs an idle
// gateway child about 0.9 MB for one read of a script file it never has.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LABSH_USAGE, LabshUsageError, parseLabshArgs, type LabshArgs } from './labsh-args';
import { LabRuntime } from './lab-runtime';
import type { SimulationHooks } from '../simulation/simulation';
import { runRepl } from './repl';
import { connectControl, type ControlClient } from './control-client';
import { InterruptibleWait } from './interruptible-wait';
import { runAttachedSession } from './attached-session';
import { runSessionHost } from './session-host';
import { TopologyError } from '../core/topology-rules';
import { cniSettingsOf } from '../dataplane/cni/topology-settings';

/** content/ is found from FLATNET_CONTENT_DIR, else by walking up from the working directory. */
export function findContentDir(start = process.cwd()): string {
  if (process.env.FLATNET_CONTENT_DIR) return resolve(process.env.FLATNET_CONTENT_DIR);
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'content', 'labs'))) return join(dir, 'content');
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(start), 'content');
    dir = parent;
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A fresh world from the command line's options; `hooks` decide how the shell waits. */
function startFromArgs(args: LabshArgs, hooks?: SimulationHooks): Promise<LabRuntime> {
  return LabRuntime.start({ seed: args.seed, labId: args.lab, contentDir: findContentDir(), cni: args.cni, proxyMode: args.proxyMode, cniSettings: cniSettingsOf(args), ingress: args.ingress, loadBalancerPool: args.loadBalancerPool, hooks });
}

async function runScripted(args: LabshArgs, source: string): Promise<number> {
  const runtime = await startFromArgs(args);
  const result = await runtime.sim.exec(source);
  // stdout and stderr kept apart, as a shell's caller would see them.
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

async function runAttached(): Promise<number> {
  const socketPath = process.env.FLATNET_CONTROL_SOCKET;
  const token = process.env.FLATNET_SESSION_TOKEN;
  if (!socketPath || !token) throw new LabshUsageError('labsh: --gateway needs FLATNET_CONTROL_SOCKET and FLATNET_SESSION_TOKEN');
  const control: ControlClient = await connectControl(socketPath, token);
  return runAttachedSession({ control, input: process.stdin, output: process.stdout, contentDir: findContentDir() });
}

export async function main(argv: string[]): Promise<number> {
  let args: LabshArgs;
  try {
    args = parseLabshArgs(argv);
    if (args.topology && args.topology !== 'default') {
      throw new LabshUsageError(`labsh: unknown topology "${args.topology}" (available: default)`);
    }
  } catch (error) {
    if (error instanceof LabshUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(LABSH_USAGE);
    return 0;
  }
  try {
    if (args.gateway) return await runAttached();
    if (args.host) return await runSessionHost();
    if (args.command !== undefined) return await runScripted(args, args.command);
    if (args.script) return await runScripted(args, readFileSync(args.script, 'utf8'));
    if (!process.stdin.isTTY) return await runScripted(args, await readAllStdin());
    const wait = new InterruptibleWait();
    const runtime = await startFromArgs(args, { sleep: wait.sleep });
    return await runRepl({ runtime, input: process.stdin, output: process.stdout, wallNow: () => Date.now(), wait });
  } catch (error) {
    // e.g. --flannel-backend with a lab whose CNI is calico: only known once the lab is loaded.
    if (!(error instanceof TopologyError)) throw error;
    process.stderr.write(`labsh: ${error.message}\n`);
    return 2;
  }
}
