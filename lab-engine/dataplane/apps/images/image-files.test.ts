// The proof that an image costs one file: everything Flatnet knows of an image is its profile,
// dataplane/apps/images/<image>.ts, listed once in the table (index.ts). Outside its profile no
// engine source names an image in code, but for the files listed below with their reason.
// Comments may name images as examples (they teach; they do not decide), so they are stripped
// with TypeScript's own printer before looking; tests and test kits are not sources.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../cluster/images';
import { CNI_IMAGES, CNI_NAMES } from '../../cni';
import { createSimulation } from '../../../simulation/simulation';
import { IMAGE_PROFILES, IMAGE_REGISTRY_ENTRIES, imageProfile } from './index';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LAYERS = ['kube', 'core', 'cluster', 'dataplane', 'shell', 'simulation', 'labs', 'protocol', 'labsh', 'gateway', 'bin'];
const NOT_SOURCE = /(\.test\.ts|-test-kit\.ts)$|\/testdata\/|^simulation\/testing\//;

/** Files outside the profiles allowed to name an image in code, and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  'dataplane/apps/images/index.ts': 'the table of profiles, keyed by file name',
  'cluster/bootstrap/kubeadm-images.ts': "kubeadm's image list: cluster/ creates the kube-system pods and sits below dataplane/, so it names their images and their profiles read them from there",
  'cluster/gateway-api/gateway-controllers.ts': "the gateway implementation's table: the cluster finds the data plane pod by image to write the Gateway API statuses, below dataplane/, so its profile reads the repository from it",
  'cluster/ingress-status.ts': "the ingress controllers' table: the cluster finds controller pods by image to publish an Ingress's address, below dataplane/, so the two profiles read their repository from it",
};

/**
 * An image's last path component is looked for on its own too, unless it is also a word the
 * engine uses for something else; each such word, and what else it names.
 */
const SHARED_WORDS: Readonly<Record<string, string>> = {
  nginx: 'an ingress class and controller kind, and the nginx binary in the ingress-nginx controller',
  busybox: 'a userland, whose applets many commands imitate',
  curl: 'a command',
  whoami: 'a command',
  agnhost: 'the binary its image ships, which the toolsets list as not simulated',
  traefik: 'an ingress class and controller kind',
  controller: 'an ordinary word',
  pause: 'an ordinary word',
  coredns: "kube-system's Deployment, ConfigMap, container and process",
  etcd: 'a control-plane process and static pod',
  'kube-proxy': 'a node daemon, DaemonSet, ConfigMap and process',
  'kube-apiserver': 'a control-plane process and static pod',
  'kube-controller-manager': 'a control-plane process and static pod',
  'kube-scheduler': 'a control-plane process and static pod',
};

const PROFILE_FILES = Object.entries(IMAGE_PROFILES).map(([name, profile]) => ({ file: `dataplane/apps/images/${name}.ts`, repositories: profile.repositories }));

const lastComponent = (repository: string) => repository.slice(repository.lastIndexOf('/') + 1);

/** The ways code could name a repository: whole, without its registry host, and (unless shared) its last component. */
function namesOf(repository: string): string[] {
  const path = repository.slice(repository.indexOf('/') + 1);
  const last = lastComponent(repository);
  return [repository, ...(path.includes('/') ? [path] : []), ...(last in SHARED_WORDS ? [] : [last])];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** Each source file (relative to lab-engine/) whose code names an image outside that image's profile, with the names. */
function namingFiles(): Record<string, string[]> {
  const patterns = PROFILE_FILES.flatMap(({ file, repositories }) => repositories.flatMap((repository) => namesOf(repository).map((name) => ({ file, name, pattern: new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`, 'i') }))));
  const found: Record<string, string[]> = {};
  for (const path of LAYERS.flatMap((layer) => sources(join(ROOT, layer)))) {
    const file = relative(ROOT, path).split('\\').join('/');
    if (NOT_SOURCE.test(file)) continue;
    const text = readFileSync(path, 'utf8');
    const candidates = patterns.filter((p) => p.file !== file && p.pattern.test(text));
    if (!candidates.length) continue;
    const code = codeOf(file, text);
    const names = [...new Set(candidates.filter((p) => p.pattern.test(code)).map((p) => p.name))];
    if (names.length) found[file] = names.sort();
  }
  return found;
}

describe('an image costs one file', () => {
  it('keeps every profile in dataplane/apps/images/<name>.ts, reached through the table', () => {
    for (const { file } of PROFILE_FILES) expect(statSync(join(ROOT, file)).isFile(), file).toBe(true);
  });

  it('gives each repository, normalised as containerd writes it, to one profile', () => {
    const repositories = PROFILE_FILES.flatMap((p) => p.repositories);
    expect(new Set(repositories).size).toBe(repositories.length);
    for (const repository of repositories) expect(parseImageRef(repository)?.repository).toBe(repository);
    expect(IMAGE_REGISTRY_ENTRIES.map((e) => e.repository)).toEqual(repositories);
  });

  it('names no image in code outside its profile, but for the listed files', () => {
    const outside = Object.keys(namingFiles()).filter((file) => !(file in ALLOWED));
    expect(outside).toEqual([]);
  });

  it('keeps the lists of exceptions honest', () => {
    const found = namingFiles();
    for (const file of Object.keys(ALLOWED)) expect(found[file], `${file} no longer names an image: drop it from ALLOWED`).toBeDefined();
    const lasts = new Set(PROFILE_FILES.flatMap((p) => p.repositories.map(lastComponent)));
    for (const word of Object.keys(SHARED_WORDS)) expect(lasts.has(word), `no image is called ${word}: drop it from SHARED_WORDS`).toBe(true);
  });

  it('has a profile for every image a fresh cluster runs but the pod network’s', () => {
    const cni = new Set(CNI_IMAGES.map((image) => image.repository));
    for (const cniName of CNI_NAMES) {
      const sim = createSimulation({ seed: 1, topology: { cni: cniName, ingress: ['nginx', 'traefik'] } });
      const images = sim.cluster.list('pods').flatMap((pod) => pod.spec.containers.map((c) => c.image));
      expect(images.length).toBeGreaterThan(5);
      for (const image of images) expect(imageProfile(image) !== undefined || cni.has(parseImageRef(image)?.repository ?? ''), `${cniName}: ${image}`).toBe(true);
    }
  });
});
