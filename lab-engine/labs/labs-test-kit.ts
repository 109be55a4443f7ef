// A tiny stand-in for the Simulation, for the grader's, the self-test's and labctl's unit tests:
// it knows pods only and three commands (`kubectl run NAME --image=IMAGE`, `kubectl delete pod
// NAME`, `fail MESSAGE`), so each test states the whole world it grades and stays fast.
// Pods go Running one simulated second after creation, or into ImagePullBackOff for images
// whose tag is `bad`.

import type { CommandResult } from '../core/command-result';
import type { HttpProbeResult } from '../dataplane/apps/http-probe-types';
import type { ClusterView, Simulation, SimulationOptions, SimulationSnapshot } from '../simulation/contract';
import { clusterView } from '../simulation/cluster-view';
import type { SelfTestDeps } from './self-test';
import type { PodLookup } from '../dataplane/dns/pod-resolver';
import type { ProbeResult } from '../dataplane/packet/types';
import type { Lab } from './loader';
import { LabSchema } from './schema';

type Obj = Record<string, unknown>;

export class FakeSimulation implements Simulation {
  private readonly objects = new Map<string, Obj>();
  /** Pods still starting: name → when created and from which image. */
  private readonly starting = new Map<string, { at: number; image: string }>();
  private clock = 0;
  private revision = 0;
  readonly commands: string[] = [];

  constructor(readonly options: SimulationOptions = { seed: 1 }) {}

  async exec(line: string): Promise<CommandResult> {
    this.commands.push(line);
    const text = line.trim();
    let match: RegExpExecArray | null;
    if ((match = /^kubectl run (\S+) --image=(\S+)$/.exec(text))) {
      if (this.objects.has(key('pods', 'default', match[1]))) return { stdout: '', stderr: `Error from server (AlreadyExists): pods "${match[1]}" already exists\n`, exitCode: 1 };
      this.put('pods', 'default', pod(match[1], match[2]));
      this.starting.set(match[1], { at: this.clock, image: match[2] });
      return { stdout: `pod/${match[1]} created\n`, stderr: '', exitCode: 0 };
    }
    if ((match = /^kubectl delete pod (\S+)$/.exec(text))) {
      this.starting.delete(match[1]);
      if (!this.objects.delete(key('pods', 'default', match[1]))) return { stdout: '', stderr: `Error from server (NotFound): pods "${match[1]}" not found\n`, exitCode: 1 };
      this.revision++;
      return { stdout: `pod "${match[1]}" deleted\n`, stderr: '', exitCode: 0 };
    }
    if ((match = /^fail (.*)$/s.exec(text))) return { stdout: '', stderr: `${match[1]}\n`, exitCode: 1 };
    return { stdout: '', stderr: `fake: ${text.split(/\s/)[0]}: command not found\n`, exitCode: 127 };
  }

  put(resource: string, namespace: string | undefined, object: Obj): void {
    const metadata = object.metadata;
    const name = typeof metadata === 'object' && metadata !== null && 'name' in metadata ? String(metadata.name) : '';
    this.objects.set(key(resource, namespace, name), object);
    this.revision++;
  }

  /** The fake has no dataplane: reachability checks are graded against the real simulation in their own tests. */
  probe(): ProbeResult {
    throw new Error('FakeSimulation has no dataplane; test reachability checks with createSimulation');
  }

  httpGet(): HttpProbeResult {
    throw new Error('FakeSimulation has no dataplane; test http checks with createSimulation');
  }

  lookup(): PodLookup {
    throw new Error('FakeSimulation has no DNS; test dns checks with createSimulation');
  }

  /** Runs in this same fake (it has no shells to keep apart); command checks are tested with createSimulation. */
  /** The fake has no dataplane to drive over time: load checks are tested on a real simulation. */
  isolatedCopy(): Simulation {
    throw new Error('FakeSimulation has no isolated copy; test load checks with createSimulation');
  }

  async runIsolated(line: string): Promise<CommandResult & { combined: string }> {
    const result = await this.exec(line);
    return { ...result, combined: result.stdout + result.stderr };
  }

  answerTo(): string | undefined {
    return undefined;
  }

  advanceTo(nowMs: number): boolean {
    const before = this.revision;
    this.clock = Math.max(this.clock, nowMs);
    for (const [name, { at, image }] of this.starting) {
      if (at + 1000 > this.clock) continue;
      this.starting.delete(name);
      if (!this.objects.has(key('pods', 'default', name))) continue;
      this.put('pods', 'default', image.endsWith(':bad') ? backOff(name, image) : running(name, image));
    }
    return this.revision !== before;
  }

  now(): number {
    return this.clock;
  }

  generation(): number {
    return this.revision;
  }

  get(resource: string, namespace: string | undefined, name: string): Obj | undefined {
    const object = this.objects.get(key(resource, namespace, name));
    return object ? structuredClone(object) : undefined;
  }

  list(resource: string, namespace?: string): Obj[] {
    const prefix = namespace === undefined ? `${resource}/` : `${resource}/${namespace}/`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => structuredClone(v));
  }

  /** The checks' view of the objects above, through `get` and `list` (a test may replace them). The objects are partial on purpose: only the fields a test grades. */
  view(): ClusterView {
    return clusterView({
      get: (resource, namespace, name) => this.get(resource, namespace, name) as never,
      list: (resource, namespace) => this.list(resource, namespace) as never,
    });
  }

  snapshot(): SimulationSnapshot {
    return { version: 1, seed: this.options.seed, nowMs: this.clock, rngState: 0, topology: { cni: 'calico', proxyMode: 'iptables' }, cluster: {}, files: {}, history: this.commands };
  }

  prompt(): string {
    return '$ ';
  }
}

function key(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}/${namespace ?? ''}/${name}`;
}

function pod(name: string, image: string): Obj {
  return {
    metadata: { name, namespace: 'default' },
    spec: { image, nodeName: 'node-1' },
    status: { phase: 'Pending', containerStatuses: [{ name, ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] },
  };
}

function running(name: string, image: string): Obj {
  return {
    metadata: { name, namespace: 'default' },
    spec: { image, nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIP: '10.244.1.5',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name, ready: true, state: { running: { startedAt: '2026-01-05T09:00:01Z' } } }],
    },
  };
}

function backOff(name: string, image: string): Obj {
  return {
    metadata: { name, namespace: 'default' },
    spec: { image, nodeName: 'node-1' },
    status: {
      phase: 'Pending',
      podIP: '10.244.1.5',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name, ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } }],
    },
  };
}

/** Self-test dependencies on the fake; `created` collects every simulation made, for assertions. */
export function fakeDeps(created: FakeSimulation[] = []): SelfTestDeps {
  return {
    createSimulation: (options) => {
      const sim = new FakeSimulation(options);
      created.push(sim);
      return sim;
    },
    settle: (sim) => {
      sim.advanceTo(sim.now() + 60_000);
    },
  };
}

/** A Lab from an in-memory definition (validated by the real schema), for tests that need no files. */
export function labFromDefinition(raw: unknown): Lab {
  const def = LabSchema.parse(raw);
  const dir = `/virtual/${def.id}`;
  return { ...def, dir, file: `${dir}/lab.yaml`, files: def.files ?? {}, steps: def.steps.map((step) => ({ ...step, textPath: `${dir}/${step.text}` })) };
}

/** A resource check on pods/default/NAME, with the fields tests usually leave alone filled in. */
export function podCheck(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { id, title: id, kind: 'resource', resource: 'pods', name: 'web', jsonPath: '{.status.phase}', ...fields };
}
