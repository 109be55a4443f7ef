// uniq: collapse adjacent equal lines; -c counts (GNU's `%7d ` prefix), -d only repeated, -u only
// unique, -i ignoring case, -f N skipping fields. Usually after sort.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { lastValue, parseOptions, tryHelp } from '../gnu-options';
import { linesOf, readSources } from '../text-input';

export const uniq: ShellCommand = {
  name: 'uniq',
  run(ctx) {
    const parsed = parseOptions('uniq', ctx.args, { flags: 'cdui', values: 'f', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields=': 'f' } });
    if (!parsed.ok) return fail(parsed.error);
    const { flags } = parsed;
    const skipText = lastValue(parsed.values, 'f') ?? '0';
    if (!/^\d+$/.test(skipText)) return fail(`uniq: ${skipText}: invalid number of fields to skip\n`);
    const skip = Number(skipText);
    if (parsed.operands.length > 2) return fail(`uniq: extra operand ‘${parsed.operands[2]}’\n${tryHelp('uniq')}`);
    const errors: string[] = [];
    const [source] = readSources(ctx, 'uniq', parsed.operands.slice(0, 1), errors);
    if (errors.length) return fail(errors[0]);
    const keyOf = (line: string) => {
      let k = skip ? line.replace(new RegExp(`^(\\s*\\S+){${skip}}`), '') : line;
      if (flags.has('i')) k = k.toLowerCase();
      return k;
    };
    const groups: { line: string; count: number }[] = [];
    for (const line of linesOf(source.text)) {
      const last = groups[groups.length - 1];
      if (last && keyOf(last.line) === keyOf(line)) last.count++;
      else groups.push({ line, count: 1 });
    }
    const text = groups
      .filter((g) => (!flags.has('d') || g.count > 1) && (!flags.has('u') || g.count === 1))
      .map((g) => (flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`))
      .join('');
    const target = parsed.operands[1];
    if (target !== undefined) {
      const written = ctx.fs.write(target, text);
      return written.ok ? new OutputBuilder().done(0) : fail(`uniq: ${target}: ${written.reason}\n`);
    }
    return new OutputBuilder().out(text).done(0);
  },
};
