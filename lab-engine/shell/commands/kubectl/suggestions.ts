// cobra's "Did you mean this?" for an unknown kubectl verb: every available command within
// Levenshtein distance 2 (case-insensitive), or that starts with what was typed, or that lists it
// in SuggestFor; in the order kubectl registers its commands.

export const KUBECTL_COMMANDS: readonly string[] = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'config', 'plugin', 'version', 'api-versions', 'api-resources',
  'options', 'help',
];

const SUGGEST_FOR: Record<string, string[]> = { delete: ['rm'], get: ['list', 'ps'], wait: ['list', 'ps'] };

export function suggestCommands(typed: string): string[] {
  const lower = typed.toLowerCase();
  const out: string[] = [];
  for (const name of KUBECTL_COMMANDS) {
    if (levenshtein(lower, name) <= 2 || name.startsWith(lower)) out.push(name);
    for (const alias of SUGGEST_FOR[name] ?? []) if (alias === lower) out.push(name);
  }
  return out;
}

export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function unknownCommandText(typed: string): string {
  const suggestions = suggestCommands(typed);
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '\n';
  return `error: unknown command "${typed}" for "kubectl"${hint}`;
}
