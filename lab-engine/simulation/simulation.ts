// The Simulation every driver uses (labsh, labctl's self-test, the grader, benchmarks): a
// simulated cluster plus the learner's workstation shell, on one injected clock and one seeded
// PRNG, snapshotted and restored as plain JSON.

import { ManualClock, SIMULATION_EPOCH_MS } from '../core/clock';
import { createRng, type Rng } from '../core/random';
import { MAX_HISTORY_ENTRIES, MAX_INPUT_BYTES, MAX_SLEEP_MS } from '../core/limits';
import type { TopologyOptions } from '../core/topology';
import type { CommandResult } from '../core/command-result';
import type { HttpProbe, HttpProbeResult } from '../dataplane/apps/http-probe-types';
import type { ClusterView, IsolatedRunResult, Simulation, SimulationOptions, SimulationSnapshot } from './contract';
import { AnswerSheet } from '../core/answer-sheet';
import { clusterView } from './cluster-view';
import { assertTopology } from '../dataplane/cni/topology-settings';
import { DEFAULT_CNI } from '../dataplane/cni';
import { bootstrapCluster } from './cluster-bootstrap';
import { Cluster, type ClusterState } from '../cluster/cluster';
import { formatIPv4, mustParseIPv4 } from '../kube/ipv4';
import { parseScript } from '../shell/syntax';
import { Interpreter, OutputSink, type InterpreterServices, type RunControl, type ShellState } from '../shell/interpreter';
import { CONTEXT_VARIANTS, IMPLEMENTED_COMMANDS, WORKSTATION_COMMANDS } from '../shell/command-registry';
import { ShellSessionImpl, type ContextSnapshot } from '../shell/contexts/shell-session';
import type { ShownWalk } from '../shell/contexts/location';
import { HOME, VirtualFs } from '../shell/virtual-fs';
import { Network, type NetworkState } from '../dataplane/packet/network';
import { dataplaneProber } from '../dataplane/apps/container-prober';
import type { PodLookup } from '../dataplane/dns/pod-resolver';
import type { Probe, ProbeResult } from '../dataplane/packet/types';
import type { ApiObject } from '../kube/types';

/** Simulated time after which every lifecycle rule of a fresh change has run (pulls, graceful stops). */
export const SETTLE_MS = 60_000;

/** Lets lifecycle rules finish: pods created by a setup script end Running (or in back-off). */
export function settle(sim: Simulation): void {
  sim.advanceTo(sim.now() + SETTLE_MS);
}

export interface SimulationHooks {
  /**
   * Called when the shell waits (`sleep`, `kubectl delete` waiting for pods to go). The default
   * returns at once, so scripts only move the simulated clock; an interactive host really waits,
   * and resolves early (with the ms actually waited) when the learner presses Ctrl-C (`signal`
   * aborts), never otherwise: less than `ms` reads as an interrupt (exit 130).
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<number | void>;
  /** Each walk the learner ran with `trace`, for the page to draw (labsh sends it to the gateway). */
  onWalk?: (walk: ShownWalk) => void;
}

export interface ExecOptions extends RunControl {
  /** Each chunk of output as it is written (the REPL streams it to the terminal); `combined` still holds it all. */
  onOutput?: (text: string) => void;
  /** Record the input in the shell history (default true; lab setup scripts pass false). */
  history?: boolean;
}

/** The result of `exec`: CommandResult plus both streams in the order they were written. */
export interface ExecResult extends CommandResult {
  combined: string;
}

export interface FlatnetSimulation extends Simulation {
  exec(line: string, options?: ExecOptions): Promise<ExecResult>;
  /** The cluster model, for engine-internal consumers (dataplane, grader helpers). */
  readonly cluster: Cluster;
  /** The simulation's network: probes for checks, `trace`, curl... */
  readonly network: Network;
  /** The workstation's files (the REPL completes file names from it). */
  readonly fs: VirtualFs;
  /** How many shells deep the learner is: 1 on the workstation, 2 after `ssh node-1`... */
  contextDepth(): number;
  /** A copy of one object, for tools outside the grader (tests, Tab completion); the resource as kubectl names it. */
  get(resource: string, namespace: string | undefined, name: string): ApiObject | undefined;
  list(resource: string, namespace?: string): ApiObject[];
}

interface ShellSnapshot {
  env: Record<string, string>;
  lastExitCode: number;
}

const DEFAULT_TOPOLOGY: TopologyOptions = { cni: DEFAULT_CNI, proxyMode: 'iptables' };

export function createSimulation(opts: SimulationOptions, hooks: SimulationHooks = {}): FlatnetSimulation {
  const topology: TopologyOptions = { ...DEFAULT_TOPOLOGY, ...stripUndefined(opts.topology ?? {}) };
  assertTopology(topology);
  const clock = new ManualClock(opts.startMs ?? SIMULATION_EPOCH_MS);
  const rng = createRng(opts.seed);
  const cluster = bootstrapCluster(clock, rng, topology);
  if (topology.loadBalancerPool?.length) cluster.setLoadBalancerPool(expandAddressRanges(topology.loadBalancerPool));
  const files: Record<string, string> = {};
  const fs = new VirtualFs(files);
  for (const [path, text] of Object.entries(opts.files ?? {})) fs.write(path, text);
  const shell: ShellState = { env: defaultEnv(), lastExitCode: 0, history: [] };
  const answers = new AnswerSheet({ questions: [...(opts.questions ?? [])], given: {} });
  return new SimulationImpl(opts.seed, topology, clock, rng, cluster, fs, shell, answers, hooks);
}

export function restoreSimulation(snap: SimulationSnapshot, hooks: SimulationHooks = {}): FlatnetSimulation {
  if (snap.version !== 1) throw new Error(`unsupported snapshot version ${String(snap.version)}`);
  const copy = structuredClone(snap);
  const clock = new ManualClock(copy.nowMs);
  const rng = createRng(copy.rngState);
  const cluster = Cluster.restore(clock, rng, copy.cluster as ClusterState);
  const saved = (copy as SimulationSnapshot & { shell?: ShellSnapshot }).shell;
  const shell: ShellState = { env: saved?.env ?? defaultEnv(), lastExitCode: saved?.lastExitCode ?? 0, history: copy.history };
  const contexts = (copy as SimulationSnapshot & { contexts?: ContextSnapshot }).contexts;
  const answers = new AnswerSheet(copy.answers);
  const sim = new SimulationImpl(copy.seed, copy.topology, clock, rng, cluster, new VirtualFs(copy.files), shell, answers, hooks, contexts);
  // The nodes' conntrack flows and the steady senders' pace: a reload must not end a flow a client still refreshes.
  const network = (copy as SimulationSnapshot & { network?: NetworkState }).network;
  if (network) sim.network.restore(network);
  return sim;
}

class SimulationImpl implements FlatnetSimulation {
  private readonly interpreter: Interpreter;
  private readonly session: ShellSessionImpl;
  private readonly objects: ClusterView;
  readonly network: Network;

  constructor(
    private readonly seed: number,
    private readonly topology: TopologyOptions,
    private readonly clock: ManualClock,
    private readonly rng: Rng,
    readonly cluster: Cluster,
    readonly fs: VirtualFs,
    private readonly shell: ShellState,
    private readonly answers: AnswerSheet,
    private readonly hooks: SimulationHooks,
    contexts?: ContextSnapshot,
  ) {
    const services: InterpreterServices = {
      cluster,
      fs,
      commands: WORKSTATION_COMMANDS,
      sleep: (ms, signal) => this.sleep(ms, signal),
      answers,
    };
    // Where the shell stands (workstation, `ssh node-1`, `kubectl exec -it`): swaps commands and files in `services`.
    this.network = new Network(cluster, topology, () => rng.next());
    // The kubelet's probes ask the dataplane what containers really serve.
    cluster.setProber(dataplaneProber(cluster));
    this.session = new ShellSessionImpl({ topology, cluster, state: shell, services, workstation: { commands: WORKSTATION_COMMANDS, fs }, implemented: IMPLEMENTED_COMMANDS, variants: CONTEXT_VARIANTS, network: this.network, ...(hooks.onWalk ? { onWalk: hooks.onWalk } : {}) }, contexts);
    services.session = this.session;
    // A bridge CNI reads the node's /etc/cni/net.d at each CNI ADD: the session keeps those files, with the learner's edits.
    this.network.readNodeFilesWith((node) => this.session.nodeFiles(node));
    services.notFound = (name) => this.session.notFound(name);
    this.interpreter = new Interpreter(shell, services);
    this.objects = clusterView(cluster);
  }

  async exec(line: string, options: ExecOptions = {}): Promise<ExecResult> {
    const input = line.replace(/\r\n/g, '\n');
    if (options.history !== false && input.trim() && Buffer.byteLength(input) <= MAX_INPUT_BYTES) {
      this.shell.history.push(input.replace(/\n+$/, ''));
      if (this.shell.history.length > MAX_HISTORY_ENTRIES) this.shell.history.splice(0, this.shell.history.length - MAX_HISTORY_ENTRIES);
    }
    const sink = new OutputSink(options.onOutput);
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
      sink.write('stderr', `bash: input too long (${Buffer.byteLength(input)} bytes; the limit is ${MAX_INPUT_BYTES})\n`);
      return this.finish(sink, 2);
    }
    // Whatever fell due since the last command has happened before this one looks.
    this.settle();
    // A shell inside a container that has gone since (deleted pod) was closed under the learner.
    sink.write('stderr', this.session.dropVanished());
    const parsed = parseScript(input);
    if (!parsed.ok) {
      sink.write('stderr', `${parsed.message}\n`);
      return this.finish(sink, 2);
    }
    const status = await this.interpreter.run(parsed.script, sink, options);
    return this.finish(sink, status);
  }

  private finish(sink: OutputSink, exitCode: number): ExecResult {
    this.shell.lastExitCode = exitCode;
    return { stdout: sink.stdout, stderr: sink.stderr, exitCode, combined: sink.combined };
  }

  private async sleep(ms: number, signal?: AbortSignal): Promise<number> {
    const wanted = Math.min(Math.max(0, ms), MAX_SLEEP_MS);
    const start = this.clock.now();
    const waited = this.hooks.sleep ? await this.hooks.sleep(wanted, signal) : undefined;
    const slept = typeof waited === 'number' ? Math.min(waited, wanted) : wanted;
    // The host may have moved the clock itself while really waiting; never move it back.
    this.cluster.advanceTo(Math.max(this.clock.now(), start + slept));
    this.network.recordPorts();
    this.network.runSenders();
    return slept;
  }

  advanceTo(nowMs: number): boolean {
    const changed = this.cluster.advanceTo(nowMs);
    this.network.recordPorts();
    this.network.runSenders();
    return changed;
  }

  /** The cluster's due lifecycle steps, then the pods' steady UDP senders (their datagrams up to now). */
  private settle(): void {
    this.cluster.advanceTo(this.clock.now());
    // The sandboxes created meanwhile ran CNI ADD with the node's config as it was then.
    this.network.recordPorts();
    this.network.runSenders();
  }

  now(): number {
    return this.clock.now();
  }

  generation(): number {
    // A recorded answer changes what `answer` checks say, so it counts as a change too.
    return this.cluster.generation() + this.answers.revision();
  }

  answerTo(questionId: string): string | undefined {
    return this.answers.answerTo(questionId);
  }

  async runIsolated(line: string): Promise<IsolatedRunResult> {
    const { stdout, stderr, exitCode, combined } = await this.isolatedCopy().exec(line, { history: false });
    return { stdout, stderr, exitCode, combined };
  }

  isolatedCopy(): FlatnetSimulation {
    // A fresh login: the learner's variables, history and nested shells stay behind; files on the nodes and pods come along.
    const { shell: _learnerShell, contexts: _learnerContexts, ...world } = this.snapshot();
    const files = this.session.toJSON().files;
    return restoreSimulation({ ...world, history: [], ...(Object.keys(files).length ? { contexts: { frames: [], files } } : {}) });
  }

  view(): ClusterView {
    return this.objects;
  }

  get(resource: string, namespace: string | undefined, name: string): ApiObject | undefined {
    const info = this.objects.resource(resource);
    const obj = info && this.cluster.get(info.resource, info.namespaced ? namespace : undefined, name);
    return obj ? structuredClone(obj) : undefined;
  }

  list(resource: string, namespace?: string): ApiObject[] {
    const info = this.objects.resource(resource);
    return info ? structuredClone(this.cluster.list(info.resource, info.namespaced ? namespace : undefined)) : [];
  }

  probe(probe: Probe, draw = 0): ProbeResult {
    this.settle();
    return this.network.checkProbe(probe, draw);
  }

  lookup(namespace: string, pod: string, name: string, options: { lookups?: number } = {}): PodLookup {
    this.settle();
    return this.network.checkLookup(namespace, pod, name, options.lookups);
  }

  httpGet(request: HttpProbe): HttpProbeResult {
    this.settle();
    return this.network.checkHttp(request);
  }

  snapshot(): SimulationSnapshot & { shell: ShellSnapshot; contexts?: ContextSnapshot } {
    return structuredClone({
      version: 1 as const,
      seed: this.seed,
      nowMs: this.clock.now(),
      rngState: this.rng.state(),
      topology: this.topology,
      cluster: this.cluster.toJSON(),
      files: this.fs.toJSON(),
      history: this.shell.history,
      shell: { env: this.shell.env, lastExitCode: this.shell.lastExitCode },
      ...(this.answers.questions().length ? { answers: this.answers.toJSON() } : {}),
      ...this.contextsSnapshot(),
      ...this.networkSnapshot(),
    });
  }

  /** The nodes' conntrack flows and the senders' pace, only once there are any (older snapshots stay as they were). */
  private networkSnapshot(): { network?: NetworkState } {
    const network = this.network.toJSON();
    return Object.keys(network.conntrack).length || Object.keys(network.senders).length || network.bridgePorts || network.kernel || network.loadgens || network.floods || network.handBuilt ? { network } : {};
  }

  /** The nested shells and their files, only once there are any (older snapshots stay as they were). */
  private contextsSnapshot(): { contexts?: ContextSnapshot } {
    const contexts = this.session.toJSON();
    return contexts.frames.length || Object.keys(contexts.files).length ? { contexts } : {};
  }

  prompt(): string {
    return this.session.prompt(() => {
      const pwd = this.shell.env.PWD ?? HOME;
      const shown = pwd === HOME ? '~' : pwd.startsWith(`${HOME}/`) ? `~${pwd.slice(HOME.length)}` : pwd;
      return `learner@workstation:${shown}$ `;
    });
  }

  /** How many shells deep the learner is (1 = the workstation); the REPL sends `exit` to the simulation when > 1. */
  contextDepth(): number {
    return this.session.depth();
  }
}

function defaultEnv(): Record<string, string> {
  return { HOME, USER: 'learner', PWD: HOME, SHELL: '/bin/bash', PATH: '/usr/local/bin:/usr/bin:/bin', TERM: 'xterm-256color' };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `172.18.255.200-172.18.255.210` and single addresses, as MetalLB's IPAddressPool lists them; at most 256 addresses. */
export function expandAddressRanges(ranges: readonly string[]): string[] {
  const out: string[] = [];
  for (const range of ranges) {
    const [first, last = first] = range.split('-').map((s) => s.trim());
    for (let n = mustParseIPv4(first); n <= mustParseIPv4(last) && out.length < 256; n++) out.push(formatIPv4(n));
  }
  return out;
}
