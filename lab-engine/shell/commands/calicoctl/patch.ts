// `calicoctl patch felixconfiguration NAME -p '<json>'` (the command Calico's docs give to turn
// WireGuard on): a JSON merge patch of the object's spec through the API server, which runs the
// CRD's checks. calicoctl's own texts: "Successfully patched 1 'FelixConfiguration' resource" and
// "Failed to patch any 'FelixConfiguration' resources: ...". Other kinds are not simulated.
// Source: projectcalico/calico calicoctl/calicoctl/commands/patch.go and resourcemgr (messages).

import type { CommandContext, CommandOutput, OutputBuilder } from '../../command-types';

const FELIX_ALIASES = ['felixconfiguration', 'felixconfigurations', 'felixconfig', 'felixconfigs'];

export function patchCommand(ctx: CommandContext, out: OutputBuilder, args: readonly string[]): CommandOutput {
  let patch: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p' || a === '--patch') patch = args[++i];
    else if (a.startsWith('--patch=')) patch = a.slice('--patch='.length);
    else if (a.startsWith('-p') && a.length > 2) patch = a.slice(2).replace(/^=/, '');
    else if (a === '-t' || a === '--type') i++;
    else if (a.startsWith('--type=')) continue;
    else if (a.startsWith('-')) return out.err(`Invalid option: '${a}'. Use flag '--help' to read about a specific subcommand.\n`).done(1);
    else operands.push(a);
  }
  const [kind, name] = operands;
  if (!kind || !name || patch === undefined) return out.err('Invalid option: calicoctl patch needs a kind, a name and --patch, e.g. calicoctl patch felixconfiguration default -p \'{"spec":{"wireguardEnabled":true}}\'\n').done(1);
  if (!FELIX_ALIASES.includes(kind.toLowerCase())) return out.err(`calicoctl patch ${kind} is not simulated in this environment yet: only felixconfiguration is\n`).done(1);
  let body: unknown;
  try {
    body = JSON.parse(patch);
  } catch {
    return out.err(`Failed to patch any 'FelixConfiguration' resources: invalid character in patch: ${patch}\n`).done(1);
  }
  const current = ctx.cluster.get('felixconfigurations', undefined, name);
  if (!current) return out.err(`Failed to patch any 'FelixConfiguration' resources: resource does not exist: FelixConfiguration(${name}) with error: felixconfigurations.crd.projectcalico.org "${name}" not found\n`).done(1);
  const specPatch = typeof body === 'object' && body !== null && 'spec' in body ? (body as { spec: unknown }).spec : undefined;
  const spec = mergePatch(current.spec, specPatch) as Record<string, unknown>;
  try {
    ctx.cluster.api.update('felixconfigurations', { name, ...(current.metadata.labels ? { labels: current.metadata.labels } : {}), ...(current.metadata.annotations ? { annotations: current.metadata.annotations } : {}), spec });
  } catch (e) {
    return out.err(`Failed to patch any 'FelixConfiguration' resources: ${e instanceof Error ? e.message : String(e)}\n`).done(1);
  }
  return out.out(`Successfully patched 1 'FelixConfiguration' resource\n`).done(0);
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}
