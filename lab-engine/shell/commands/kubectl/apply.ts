// kubectl apply -f (pkg/cmd/apply, client-side apply): files, directories (their .json/.yaml/.yml
// files, sub-directories with -R) and `-` for stdin, several documents per stream. Each object
// is applied in order and reported as kubectl does (`service/web created|configured|unchanged`);
// a bad stream is refused before anything changes, a bad object fails alone.

import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool } from './flags';
import { decodeManifests, type ManifestObject } from './manifest-decode';
import { applyManifest } from './manifest-apply';
import { notModelledText } from './kubectl-errors';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

export const apply: KubectlVerb = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', kind: 'strings' },
    { name: 'recursive', short: 'R', kind: 'bool' },
    { name: 'validate', kind: 'string' },
    { name: 'dry-run', kind: 'string', unsupported: true },
    { name: 'output', short: 'o', kind: 'string', unsupported: true },
    { name: 'server-side', kind: 'bool', unsupported: true },
    { name: 'prune', kind: 'bool', unsupported: true },
    { name: 'kustomize', short: 'k', kind: 'string', unsupported: true },
    { name: 'force', kind: 'bool', unsupported: true },
    { name: 'field-manager', kind: 'string' },
    { name: 'record', kind: 'bool' },
  ],
  help: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

Examples:
  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

Options:
    -f, --filename=[]:
        The files that contain the configurations to apply.

    -R, --recursive=false:
        Process the directory used in -f, --filename recursively.

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]

${OPTIONS_TRAILER}`,
  run: runApply,
};

async function runApply({ ctx, args, namespace, explicitNamespace }: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const files = (args.flags.get('filename') as string[] | undefined) ?? [];
  if (files.length === 0) return out.err('error: must specify one of -f and -k\n').done(1);
  if (args.positionals.length > 0) return out.err(notModelledText('kubectl apply with a subcommand')).done(1);

  // Read and decode everything first: a stream that does not parse changes nothing.
  const read = await readManifests(ctx, files, bool(args, 'recursive'));
  if (!read.ok) return out.err(read.error).done(1);
  const objects = read.objects;
  if (objects.length === 0) return out.err('error: no objects passed to apply\n').done(1);

  let failed = false;
  for (const m of objects) {
    const result = applyManifest(ctx.cluster, m, namespace, explicitNamespace);
    if (result.ok) out.out(result.line);
    else {
      out.err(result.error);
      failed = true;
    }
  }
  return out.done(failed ? 1 : 0);
}

type Source = { name: string; text: string };

/** Every object in the -f files (a directory's manifests, `-` for stdin), or the first error. */
export async function readManifests(ctx: VerbInvocation['ctx'], files: readonly string[], recursive: boolean): Promise<{ ok: true; objects: ManifestObject[] } | { ok: false; error: string }> {
  const objects: ManifestObject[] = [];
  for (const file of files) {
    const sources = file === '-' ? [{ name: 'STDIN', text: ctx.stdin }] : readPath(ctx.fs, file, recursive);
    if ('error' in sources) return { ok: false, error: sources.error };
    for (const source of sources) {
      const decoded = await decodeManifests(source.text, source.name);
      if (!decoded.ok) return { ok: false, error: decoded.error };
      objects.push(...decoded.objects);
    }
  }
  return { ok: true, objects };
}

function readPath(fs: VerbInvocation['ctx']['fs'], path: string, recursive: boolean): Source[] | { error: string } {
  const text = fs.read(path);
  if (text !== undefined) return [{ name: path, text }];
  if (!fs.isDirectory(path)) return { error: `error: the path "${path}" does not exist\n` };
  const sources: Source[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.list(dir)) {
      const full = `${dir.replace(/\/$/, '')}/${entry.replace(/\/$/, '')}`;
      if (entry.endsWith('/')) {
        if (recursive) walk(full);
      } else if (MANIFEST_EXTENSIONS.some((ext) => entry.endsWith(ext))) {
        sources.push({ name: full, text: fs.read(full) ?? '' });
      }
    }
  };
  walk(path);
  return sources;
}
