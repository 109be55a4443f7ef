// seq: numbers from FIRST (1) by INCREMENT (1) to LAST, `-s SEP`, `-w` equal width. Output stops
// at the shell's output limit, so `seq 1e12` ends instead of hanging.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { MAX_OUTPUT_BYTES } from '../../../core/limits';
import { lastValue, parseOptions, tryHelp } from '../gnu-options';

export const seq: ShellCommand = {
  name: 'seq',
  run({ args }) {
    // Negative numbers are operands, not options.
    const parsed = parseOptions('seq', args.map((a) => (/^-\d/.test(a) ? `\u0000${a}` : a)), { flags: 'w', values: 'sf', long: { 'separator=': 's', 'equal-width': 'w', 'format=': 'f', help: 'h' } });
    if (!parsed.ok) return fail(parsed.error);
    // eslint-disable-next-line no-control-regex -- NUL marks a negative number, set just above
    const operands = parsed.operands.map((a) => a.replace(/^\u0000/, ''));
    if (parsed.flags.has('h')) return ok('Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST\n');
    if (operands.length === 0) return fail(`seq: missing operand\n${tryHelp('seq')}`);
    if (operands.length > 3) return fail(`seq: extra operand ‘${operands[3]}’\n${tryHelp('seq')}`);
    const nums: number[] = [];
    for (const o of operands) {
      const n = Number(o);
      if (o.trim() === '' || Number.isNaN(n)) return fail(`seq: invalid floating point argument: ‘${o}’\n${tryHelp('seq')}`);
      nums.push(n);
    }
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
    if (step === 0) return fail(`seq: invalid Zero increment value: ‘${operands[1]}’\n${tryHelp('seq')}`);
    const sep = lastValue(parsed.values, 's') ?? '\n';
    const decimals = Math.max(...operands.map((o) => (o.includes('.') ? o.split('.')[1].length : 0)));
    const width = parsed.flags.has('w') ? Math.max(...[first, last].map((n) => n.toFixed(decimals).length)) : 0;
    const parts: string[] = [];
    let bytes = 0;
    for (let i = 0; ; i++) {
      const n = first + i * step;
      if (step > 0 ? n > last + 1e-9 : n < last - 1e-9) break;
      let text = n.toFixed(decimals);
      if (width) text = text.startsWith('-') ? `-${text.slice(1).padStart(width - 1, '0')}` : text.padStart(width, '0');
      parts.push(text);
      bytes += text.length + sep.length;
      if (bytes > MAX_OUTPUT_BYTES) break;
    }
    return ok(parts.length ? parts.join(sep) + '\n' : '');
  },
};
