// Tab completion for labsh's readline: command names, kubectl verbs, resource kinds, object
// names from the live model (namespace-aware), flags (the verb's own and kubectl's global ones),
// namespaces after -n, and file names from the virtual filesystem. Pure: it reads the
// simulation, never changes it. The REPL import()s this module at the first Tab: it holds
// kubectl's verb table, which an idle shell does not load.

import type { FlatnetSimulation } from '../simulation/simulation';
import { workstationCommandNames } from '../shell/commands/index';
import { VERBS } from '../shell/commands/kubectl/kubectl';
import { GLOBAL_FLAGS } from '../shell/commands/kubectl/flags';
import { RESOURCES, resolveResource } from '../cluster/resources';

const BUILTINS = ['cd', 'pwd', 'export', 'unset', 'read', 'break', 'continue', 'exit', 'for', 'while', 'until', 'if'];
const VERBS_WITH_NAMES = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'rollout', 'logs', 'exec', 'expose', 'patch', 'cordon', 'uncordon', 'drain', 'taint', 'port-forward']);
const FILE_FLAGS = new Set(['-f', '--filename']);

/** readline's completer contract: the candidates and the text they replace. */
export function complete(sim: FlatnetSimulation, line: string): [string[], string] {
  const segment = line.split(/\|\||&&|[|;]/).pop() ?? '';
  const words = segment.trimStart().split(/\s+/);
  const current = words.pop() ?? '';
  const pick = (candidates: Iterable<string>, suffix = ' ') => {
    const hits = [...new Set(candidates)].filter((c) => c.startsWith(current)).sort();
    return [hits.map((h) => (h.endsWith('/') ? h : h + suffix)), current] as [string[], string];
  };
  const previous = words[words.length - 1];
  if (previous !== undefined && /^[0-9]?(>|>>|<)$/.test(previous)) return files(sim, current);
  if (words.length === 0) return pick([...workstationCommandNames(), ...BUILTINS].filter((c) => /^[a-z]/.test(c)));
  if (words[0] !== 'kubectl') return files(sim, current);
  if (previous === '-n' || previous === '--namespace') return pick(names(sim, 'namespaces', undefined));
  if (previous !== undefined && FILE_FLAGS.has(previous)) return files(sim, current);
  const positionals: string[] = [];
  let namespace: string | undefined = 'default';
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-n' || w === '--namespace') { namespace = words[++i]; continue; }
    if (w.startsWith('--namespace=')) { namespace = w.slice(12); continue; }
    if (w === '-A' || w === '--all-namespaces') { namespace = undefined; continue; }
    if (!w.startsWith('-')) positionals.push(w);
  }
  const verb = positionals[0];
  if (current.startsWith('-')) {
    const specs = [...(verb ? VERBS.get(verb)?.flags ?? [] : []), ...GLOBAL_FLAGS];
    return pick(specs.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  }
  if (!verb) return pick(VERBS.size ? VERBS.keys() : []);
  if (!VERBS_WITH_NAMES.has(verb)) return [[], current];
  if (positionals.length === 1) {
    return pick(Object.values(RESOURCES).flatMap((r) => [r.resource, r.singular, ...r.shortNames]));
  }
  const info = resolveResource(positionals[1].split('/')[0]);
  if (!info) return [[], current];
  return pick(names(sim, info.resource, info.namespaced ? namespace : undefined));
}

function names(sim: FlatnetSimulation, resource: string, namespace: string | undefined): string[] {
  return sim.view().list(resource, namespace).map((o) => o.metadata.name);
}

function files(sim: FlatnetSimulation, current: string): [string[], string] {
  const slash = current.lastIndexOf('/');
  const dir = slash < 0 ? '.' : current.slice(0, slash + 1) || '/';
  const prefix = slash < 0 ? '' : current.slice(0, slash + 1);
  const base = current.slice(slash + 1);
  const hits = sim.fs.list(dir).filter((n) => n.startsWith(base)).map((n) => prefix + (n.endsWith('/') ? n : `${n} `));
  return [hits, current];
}
