// The proof that a CNI costs one folder: outside dataplane/cni/<plugin>/, no engine source names a
// plugin in its code, except the plugin table and the few files listed below with their reason.
// Comments may name plugins as examples (they teach; they do not decide), so they are stripped
// with TypeScript's own printer before looking; tests and test kits are not sources.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CNI_NAMES, CNI_PLUGINS } from './index';

const ROOT = join(import.meta.dirname, '..', '..');
const LAYERS = ['kube', 'core', 'cluster', 'dataplane', 'shell', 'simulation', 'labs', 'protocol', 'labsh', 'gateway', 'bin'];
const NOT_SOURCE = /(\.test\.ts|-test-kit\.ts)$|\/testdata\/|^simulation\/testing\//;

/** Files outside the plugins' folders allowed to name a plugin in code, and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  'dataplane/cni/index.ts': 'the table of plugins',
  'shell/commands/calicoctl/calicoctl.ts': "calicoctl is Calico's own client: it exists on a node only when the cluster runs Calico",
  'shell/commands/calicoctl/patch.ts': "calicoctl patch felixconfiguration, Calico's own client again",
  'shell/commands/index.ts': 'the command table has a row for calicoctl',
  'dataplane/apps/filesystems.ts': "the node's programs include calicoctl (it answers command-not-found off Calico)",
  'dataplane/apps/images/netshoot.ts': 'netshoot leaves calicoctl out of the node programs it copies',
  'shell/commands/ps/ps.ts': "calico-node's runit services (felix, confd, bird) as ps lists them",
  'kube/types/calico.ts': "FelixConfiguration, the one Calico CRD the API server serves (crd.projectcalico.org)",
  'kube/types/index.ts': 're-exports the Calico CRD types',
  'cluster/registry/felixconfiguration.ts': "the FelixConfiguration kind's registry",
  'cluster/bootstrap/default-topology.ts': "stores the FelixConfigurations a network addon hands in (Calico's apiVersion)",
  'shell/commands/kubectl/api-resources.ts': "discovery orders the FelixConfiguration CRD's group after the built-in ones",
  'shell/commands/wg/wg.ts': "wg refuses to write: Calico's Felix owns wireguard.cali",
};

function sources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const printer = ts.createPrinter({ removeComments: true });

function codeOf(path: string, text: string): string {
  return printer.printFile(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
}

/** Each source file (relative to lab-engine/) whose code names a plugin outside that plugin's folder, with the names. */
function namingFiles(): Record<string, string[]> {
  const pattern = new RegExp(CNI_NAMES.join('|'), 'gi');
  const found: Record<string, string[]> = {};
  for (const path of LAYERS.flatMap((layer) => sources(join(ROOT, layer)))) {
    const file = relative(ROOT, path).split('\\').join('/');
    if (NOT_SOURCE.test(file)) continue;
    const text = readFileSync(path, 'utf8');
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const names = new Set((codeOf(file, text).match(pattern) ?? []).map((m) => m.toLowerCase()));
    for (const name of names) if (file.startsWith(`dataplane/cni/${name}/`)) names.delete(name);
    if (names.size) found[file] = [...names].sort();
  }
  return found;
}

describe('a CNI costs one folder', () => {
  it('keeps every plugin in dataplane/cni/<name>/, reached through the table', () => {
    for (const [name, plugin] of Object.entries(CNI_PLUGINS)) {
      expect(plugin.name).toBe(name);
      expect(statSync(join(ROOT, 'dataplane', 'cni', name, 'index.ts')).isFile()).toBe(true);
    }
  });

  it('names no plugin in code outside its folder, but for the table and the listed files', () => {
    const outside = Object.keys(namingFiles()).filter((file) => !(file in ALLOWED));
    expect(outside).toEqual([]);
  });

  it('keeps the list of exceptions honest', () => {
    const found = namingFiles();
    for (const file of Object.keys(ALLOWED)) expect(found[file], `${file} no longer names a plugin: drop it from ALLOWED`).toBeDefined();
  });
});
