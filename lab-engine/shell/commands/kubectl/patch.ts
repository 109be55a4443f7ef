// kubectl patch (pkg/cmd/patch/patch.go): `-p PATCH` or `--patch-file FILE` in JSON or YAML,
// `--type strategic|merge|json` (patch-documents.ts), applied to the live object and sent through
// the same update path as `kubectl edit`, so the API server's validation and immutable fields
// hold. Prints `service/web patched`, or `patched (no change)` when nothing moved. The patch the
// Kubernetes docs use to keep client source IPs —
// `kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'` — is the reason it is here.

import { isResourceName, qualifiedSingular, resolveResource } from '../../../cluster/resources';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { str } from './flags';
import { applyManifest, canonicalJson } from './manifest-apply';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch, type Json } from './patch-documents';
import { toJson, toYaml } from './printers/object-output';
import { resourceTypeError } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const PATCH_TYPES = ['json', 'merge', 'strategic'] as const;

export const patch: KubectlVerb = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', kind: 'string' },
    { name: 'patch-file', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'dry-run', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'subresource', kind: 'string', unsupported: true },
    { name: 'local', kind: 'bool', unsupported: true },
  ],
  help: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.

Examples:
  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Keep the client's source IP for traffic that arrives from outside the cluster
  kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

Options:
    -o, --output='':
\tOutput format. One of: (json, yaml, name).

    -p, --patch='':
\tThe patch to be applied to the resource JSON file.

    --patch-file='':
\tA file containing a patch to be applied to the resource.

    --type='strategic':
\tThe type of patch being provided; one of [json merge strategic]

Usage:
  kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]

${OPTIONS_TRAILER}`,
  run: runPatch,
};

async function parsePatch(text: string): Promise<{ ok: true; value: Json } | { ok: false; error: string }> {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    // kubectl turns YAML into JSON first (yaml.ToJSON), so `-p 'spec: {type: NodePort}'` works too.
    const { parse } = await import('yaml');
    try {
      return { ok: true, value: (parse(text, { maxAliasCount: 50 }) ?? null) as Json };
    } catch (error) {
      return { ok: false, error: `error: unable to parse "${text}": yaml: ${(error as Error).message.split('\n')[0]}\n` };
    }
  }
}

async function runPatch(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { ctx, args } = inv;
  const type = str(args, 'type') ?? 'strategic';
  if (!(PATCH_TYPES as readonly string[]).includes(type)) return out.err(`error: --type must be one of [json merge strategic], not "${type}"\n`).done(1);
  const [first, second] = args.positionals;
  if (!first) return out.err('error: must specify --patch or --patch-file containing the contents of the patch\n').done(1);
  const [typed, name] = first.includes('/') ? first.split('/', 2) : [first, second];
  const info = resolveResource(typed);
  if (!info || !isResourceName(info.resource)) return out.err(resourceTypeError(typed)).done(1);
  const patchFile = str(args, 'patch-file');
  let text = str(args, 'patch');
  if (patchFile !== undefined) {
    if (text !== undefined) return out.err('error: cannot specify --patch and --patch-file together\n').done(1);
    text = ctx.fs.read(patchFile);
    if (text === undefined) return out.err(`error: unable to read patch file: open ${patchFile}: no such file or directory\n`).done(1);
  }
  if (text === undefined || text === '') return out.err('error: must specify --patch or --patch-file containing the contents of the patch\n').done(1);
  if (!name) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
  const namespace = info.namespaced ? inv.namespace : undefined;
  const current = ctx.cluster.get(info.resource, namespace, name);
  if (!current) return out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`).done(1);

  const parsed = await parsePatch(text);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const before = JSON.parse(JSON.stringify(current)) as Json;
  let after: Json;
  try {
    after = type === 'json' ? jsonPatch(before, parsed.value) : type === 'merge' ? mergePatch(before, parsed.value) : strategicMergePatch(before, parsed.value);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    // The API server applies the patch and answers 400 with the library's text.
    return out.err(`Error from server (BadRequest): ${error.message}\n`).done(1);
  }
  const printed = `${qualifiedSingular(info)}/${name}`;
  if (canonicalJson(after) === canonicalJson(before)) return finish(out, str(args, 'output'), printed, current, 'patched (no change)');
  if (typeof after !== 'object' || after === null || Array.isArray(after)) return out.err('The request is invalid: the patch did not produce an object\n').done(1);
  const result = applyManifest(ctx.cluster, { source: 'patch', object: after }, namespace ?? inv.namespace, false, { edit: true, word: 'patched' });
  if (!result.ok) return out.err(result.error.replace(/error when applying patch "patch": /, '')).done(1);
  return finish(out, str(args, 'output'), printed, ctx.cluster.get(info.resource, namespace, name) ?? current, 'patched');
}

async function finish(out: OutputBuilder, output: string | undefined, printed: string, object: object, word: string): Promise<CommandOutput> {
  switch (output) {
    case undefined:
    case '':
      return out.out(`${printed} ${word}\n`).done(0);
    case 'name':
      return out.out(`${printed}\n`).done(0);
    case 'json':
      return out.out(toJson(object)).done(0);
    case 'yaml':
      return out.out(await toYaml(object)).done(0);
    default:
      return out.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml\n`).done(1);
  }
}
