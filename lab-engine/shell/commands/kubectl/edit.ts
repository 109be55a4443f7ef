// kubectl edit (pkg/cmd/edit, pkg/cmd/util/editor): the object as YAML under kubectl's comment
// header in the terminal's editor ($KUBE_EDITOR, then $EDITOR, default vi; nano works too), and
// on a changed save, the edited object sent through the API server's update rules (immutable
// fields, validation). Unchanged or empty → cancelled, as kubectl says it. A refused edit keeps a
// copy of the learner's text under /tmp and says where, as kubectl does.

import { isResourceName, resolveResource } from '../../../cluster/resources';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { editText } from '../editor/text-editor';
import { decodeManifests } from './manifest-decode';
import { applyManifest } from './manifest-apply';
import { toYaml } from './printers/object-output';
import { resourceTypeError } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const edit: KubectlVerb = {
  name: 'edit',
  flags: [
    { name: 'output', short: 'o', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'save-config', kind: 'bool' },
    { name: 'validate', kind: 'string' },
    { name: 'windows-line-endings', kind: 'bool' },
  ],
  help: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows.

Examples:
  # Edit the service named 'registry'
  kubectl edit svc/registry

  # Edit the deployment 'mydeployment' in YAML
  kubectl edit deployment/mydeployment -o yaml

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]

${OPTIONS_TRAILER}`,
  run: runEdit,
};

let copies = 0;

async function runEdit(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { ctx, args } = inv;
  const [first, second] = args.positionals;
  if (!first) return out.err(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n`).done(1);
  const [type, name] = first.includes('/') ? first.split('/', 2) : [first, second];
  const info = resolveResource(type);
  if (!info || !isResourceName(info.resource)) return out.err(resourceTypeError(type)).done(1);
  if (!name) return out.err(`error: resource(s) were provided, but no name was specified\n`).done(1);
  const namespace = info.namespaced ? inv.namespace : undefined;
  const obj = ctx.cluster.get(info.resource, namespace, name);
  if (!obj) return out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`).done(1);
  const terminal = ctx.terminal;
  if (!terminal?.takeInput) return out.err('error: kubectl edit opens an editor: run it at the prompt, not in a script or a pipe\n').done(1);

  const original = HEADER + (await toYaml(obj));
  const editor = (ctx.env.KUBE_EDITOR ?? ctx.env.EDITOR ?? 'vi').split('/').pop();
  let saved: string | null = null;
  await editText(terminal, editor === 'nano' ? 'nano' : 'vi', `/tmp/kubectl-edit-${name}.yaml`, original, (text) => {
    saved = text;
    return null;
  });
  const text = saved as string | null;
  if (text === null || text === original) return out.out('Edit cancelled, no changes made.\n').done(0);
  const body = text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  if (!body.trim()) return out.out('Edit cancelled, saved file was empty.\n').done(0);

  const keepCopy = (error: string) => {
    const path = `/tmp/kubectl-edit-${String(++copies).padStart(10, '0')}.yaml`;
    ctx.fs.write(path, text);
    return out.err(`${error}A copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`).done(1);
  };
  const decoded = await decodeManifests(body, 'edited file');
  if (!decoded.ok) return keepCopy(decoded.error);
  if (decoded.objects.length !== 1) return keepCopy('error: the edited file must hold exactly one object\n');
  const edited = decoded.objects[0].object as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  if (edited.kind !== obj.kind || edited.apiVersion !== obj.apiVersion || edited.metadata?.name !== name) {
    return keepCopy('error: At least one of apiVersion, kind and name was changed\n');
  }
  const result = applyManifest(ctx.cluster, decoded.objects[0], namespace ?? inv.namespace, false, { edit: true });
  if (!result.ok) return keepCopy(result.error);
  return out.out(result.line).done(0);
}
