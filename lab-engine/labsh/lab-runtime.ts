// One lab attempt's live world: the simulation, the lab it belongs to (if any) and the grading
// state. labsh's REPL, its scripted mode and the gateway-attached mode all drive this one object.

import type { CniSettings, TopologyOptions } from '../core/topology';
import { cniSettingsOf } from '../dataplane/cni/topology-settings';
import type { SimulationSnapshot } from '../simulation/contract';
import { toCheckResultMessage, type CheckResultMessage } from '../protocol';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation, type SimulationHooks } from '../simulation/simulation';
import type { Lab } from '../labs/loader';
import { gradeChecks } from '../labs/grader';
import { labQuestions } from '../labs/lab-questions';

export interface RuntimeOptions {
  seed: number;
  labId?: string | null;
  contentDir: string;
  cni?: TopologyOptions['cni'];
  proxyMode?: 'iptables' | 'ipvs' | 'nftables';
  /** The CNI's own settings, by their topology names, from the flags its plugin declares. */
  cniSettings?: CniSettings;
  ingress?: TopologyOptions['ingress'];
  loadBalancerPool?: TopologyOptions['loadBalancerPool'];
  snapshot?: SimulationSnapshot | null;
  /** How the shell waits (`sleep`): interactive hosts wait for real; scripts only move the clock. */
  hooks?: SimulationHooks;
  /**
   * The lab (`labId`), already loaded and validated by the host: the gateway sends it with `init`,
   * so YAML and zod never load in the child (about 3 MB of an idle session's heap, measured).
   */
  lab?: Lab;
}

export class LabRuntime {
  private lastGradedGeneration = -1;
  private lastResultsKey = '';

  private constructor(
    readonly sim: FlatnetSimulation,
    readonly lab: Lab | null,
  ) {}

  static async start(options: RuntimeOptions): Promise<LabRuntime> {
    const given = options.labId ? (options.lab?.id === options.labId ? options.lab : await loadLab(options.contentDir, options.labId)) : null;
    // The learner's own draw of the lab's variables comes from the attempt's seed; the cluster's seed stays the lab's.
    const lab = given ? await labForSeed(given, options.seed) : null;
    if (options.snapshot) return new LabRuntime(restoreSimulation(withLabQuestions(options.snapshot, lab), options.hooks), lab);
    const sim = createSimulation({
      seed: lab?.seed ?? options.seed,
      topology: {
        cni: options.cni ?? lab?.topology.cni,
        proxyMode: options.proxyMode ?? lab?.topology.proxyMode,
        // A --cni that overrides the lab's CNI drops the lab's settings for the CNI it replaced.
        ...(lab && sameCni(options, lab) ? cniSettingsOf(lab.topology) : {}),
        ...options.cniSettings,
        ingress: options.ingress ?? lab?.topology.ingress,
        loadBalancerPool: options.loadBalancerPool ?? lab?.topology.loadBalancerPool,
      },
      files: lab?.files,
      questions: lab ? labQuestions(lab) : [],
    }, options.hooks);
    if (lab?.setup) {
      // Hidden from the learner: setup is not part of their history.
      const result = await sim.exec(lab.setup, { history: false });
      if (result.exitCode !== 0) {
        throw new Error(`lab ${lab.id}: setup failed (exit ${result.exitCode}): ${result.stderr || result.stdout}`);
      }
      settle(sim);
    }
    return new LabRuntime(sim, lab);
  }

  /**
   * Grades every check when the model changed; returns the results only when they differ from the
   * last ones sent. Callers await one grading before starting the next (the REPL does).
   */
  async gradeIfChanged(): Promise<CheckResultMessage[] | null> {
    if (!this.lab) return null;
    const generation = this.sim.generation();
    if (generation === this.lastGradedGeneration) return null;
    this.lastGradedGeneration = generation;
    const results = await this.grade();
    const key = JSON.stringify(results);
    if (key === this.lastResultsKey) return null;
    this.lastResultsKey = key;
    return results;
  }

  async grade(): Promise<CheckResultMessage[]> {
    if (!this.lab) return [];
    return (await gradeChecks(this.lab, this.sim)).map(toCheckResultMessage);
  }
}

/** The lab's questions as it asks them now (a snapshot may predate them), with the answers given so far. */
function withLabQuestions(snapshot: SimulationSnapshot, lab: Lab | null): SimulationSnapshot {
  if (!lab) return snapshot;
  return { ...snapshot, answers: { questions: labQuestions(lab), given: snapshot.answers?.given ?? {} } };
}

function sameCni(options: RuntimeOptions, lab: Lab | null): boolean {
  return options.cni === undefined || options.cni === lab?.topology.cni;
}

/** A lab with variables, instantiated for `seed`; zod loads only for such a lab not already drawn for it. */
async function labForSeed(lab: Lab, seed: number): Promise<Lab> {
  if (!lab.template || lab.instance?.seed === seed) return lab;
  const { instantiateLab } = await import('../labs/lab-instance');
  return instantiateLab(lab, seed);
}

/** The loader (YAML, zod, the schema) is imported only when a lab must be read here. */
async function loadLab(contentDir: string, labId: string): Promise<Lab> {
  const { loadLabById } = await import('../labs/loader');
  return loadLabById(contentDir, labId);
}
