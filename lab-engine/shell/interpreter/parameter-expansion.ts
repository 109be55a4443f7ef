// What bash's `${...}` operators do to a value at run time: `${V#p}` `${V##p}` `${V%p}` `${V%%p}`
// remove a glob-matched prefix or suffix (shortest or longest), `${V/p/r}` `${V//p/r}` `${V/#p/r}`
// `${V/%p/r}` replace, `${V:offset[:length]}` slices. Learners meet them in scripts that cut an IP
// or a name apart (`${IP%.*}`). The operators are read at parse time by syntax/parameter-syntax.ts.

/** A shell glob (`*`, `?`, `[...]`, `\x`) as a regular expression source. */
export function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
}

/** `${V#p}` and friends: the value with the shortest or longest prefix (or suffix) matching the glob removed. */
export function removeAffix(value: string, glob: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const re = new RegExp(`^(?:${globToRegex(glob)})$`);
  const lengths = [...Array(value.length + 1).keys()];
  if (longest) lengths.reverse();
  for (const n of lengths) {
    const piece = side === 'prefix' ? value.slice(0, n) : value.slice(value.length - n);
    if (re.test(piece)) return side === 'prefix' ? value.slice(n) : value.slice(0, value.length - n);
  }
  return value;
}

/** `${V/p/r}`: the longest match of the glob, first (or every, or anchored) occurrence replaced. */
export function replaceGlob(value: string, glob: string, replacement: string, mode: 'first' | 'all' | 'start' | 'end'): string {
  if (glob === '') return value;
  const source = globToRegex(glob);
  switch (mode) {
    case 'start':
      return value.replace(new RegExp(`^(?:${source})`), () => replacement);
    case 'end':
      return value.replace(new RegExp(`(?:${source})$`), () => replacement);
    case 'all':
      return value.replace(new RegExp(`(?:${source})`, 'g'), () => replacement);
    case 'first':
      return value.replace(new RegExp(`(?:${source})`), () => replacement);
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/** `${V:offset:length}` with bash's negative offsets (from the end) and lengths (stop that far from the end). */
export function substring(value: string, offset: number, length: number | undefined): string {
  const start = offset < 0 ? Math.max(0, value.length + offset) : Math.min(offset, value.length);
  if (length === undefined) return value.slice(start);
  const end = length < 0 ? value.length + length : start + length;
  return end < start ? '' : value.slice(start, end);
}
