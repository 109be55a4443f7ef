// One file's pass of grep: selecting lines, -m, -c, -o, and context (-A/-B/-C) the GNU way:
// selected lines end their prefix with ':', context lines with '-', and a group separator (`--`)
// goes before a group that does not continue the previous output, across files too, whenever a
// context option was given at all (even -A 0).

import type { GrepOptions } from './grep-options';

export interface ScanState {
  /** Whether anything was printed yet (by any file): the first group gets no separator. */
  printedAny: boolean;
}

export interface ScanResult {
  output: string;
  /** Lines selected in this file (capped by -m). */
  selected: number;
}

export function scanSource(name: string, lines: readonly string[], regex: RegExp, o: GrepOptions, showName: boolean, state: ScanState): ScanResult {
  const contextWanted = o.after !== undefined || o.before !== undefined;
  const after = o.after ?? 0;
  const before = o.before ?? 0;
  const printsLines = !o.count && !o.quiet && !o.listFiles;
  const parts: string[] = [];
  let selected = 0;
  let lastPrinted = -1;
  let pendingAfter = 0;

  const prefix = (index: number, sep: ':' | '-') => `${showName ? `${name}${sep}` : ''}${o.lineNumber ? `${index + 1}${sep}` : ''}`;
  const emit = (index: number, sep: ':' | '-') => {
    const line = lines[index];
    if (!o.onlyMatching) {
      parts.push(`${prefix(index, sep)}${line}\n`);
    } else if (sep === ':' && !o.invert) {
      regex.lastIndex = 0;
      for (const m of line.matchAll(regex)) if (m[0]) parts.push(`${prefix(index, sep)}${m[0]}\n`);
    }
    lastPrinted = index;
    state.printedAny = true;
  };
  const startGroup = (first: number) => {
    if (contextWanted && o.groupSeparator !== null && state.printedAny && (lastPrinted < 0 || first !== lastPrinted + 1)) parts.push(`${o.groupSeparator}\n`);
  };

  for (let index = 0; index < lines.length; index++) {
    const limitReached = o.maxCount !== undefined && selected >= o.maxCount;
    if (limitReached && pendingAfter === 0) break;
    regex.lastIndex = 0;
    const isSelected = !limitReached && regex.test(lines[index]) !== o.invert;
    if (isSelected) {
      selected++;
      if (!printsLines) {
        if (o.quiet || o.listFiles) break;
        continue;
      }
      const first = Math.max(lastPrinted + 1, index - before);
      startGroup(first);
      for (let k = first; k < index; k++) emit(k, '-');
      emit(index, ':');
      pendingAfter = after;
    } else if (pendingAfter > 0 && printsLines) {
      emit(index, '-');
      pendingAfter--;
    }
  }
  return { output: parts.join(''), selected };
}
