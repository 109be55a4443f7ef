// base64: encode stdin or a file (lines wrapped at 76 columns, `-w N`, `-w 0` for none) or decode
// with `-d` (what learners do with Secret data). Invalid input answers like coreutils.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { lastValue, parseOptions, tryHelp } from '../gnu-options';

export const base64: ShellCommand = {
  name: 'base64',
  run({ args, stdin, fs }) {
    const parsed = parseOptions('base64', args, { flags: 'di', values: 'w', long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w', help: 'h' } });
    if (!parsed.ok) return fail(parsed.error);
    if (parsed.flags.has('h')) return new OutputBuilder().out('Usage: base64 [OPTION]... [FILE]\nBase64 encode or decode FILE, or standard input, to standard output.\n').done(0);
    if (parsed.operands.length > 1) return fail(`base64: extra operand ‘${parsed.operands[1]}’\n${tryHelp('base64')}`);
    const file = parsed.operands[0];
    let input = stdin;
    if (file !== undefined && file !== '-') {
      const text = fs.read(file);
      if (text === undefined) return fail(`base64: ${file}: No such file or directory\n`);
      input = text;
    }
    const wrapText = lastValue(parsed.values, 'w');
    if (wrapText !== undefined && !/^\d+$/.test(wrapText)) return fail(`base64: invalid wrap size: ‘${wrapText}’\n`);
    if (parsed.flags.has('d')) {
      let data = input.replace(/\s+/g, '');
      if (parsed.flags.has('i')) data = data.replace(/[^A-Za-z0-9+/=]/g, '');
      const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(data) && (data.length % 4 === 0 || !data.includes('='));
      const decoded = Buffer.from(data, 'base64').toString('utf8');
      return valid ? new OutputBuilder().out(decoded).done(0) : new OutputBuilder().out(decoded).err('base64: invalid input\n').done(1);
    }
    const encoded = Buffer.from(input, 'utf8').toString('base64');
    const wrap = wrapText === undefined ? 76 : Number(wrapText);
    if (!encoded) return new OutputBuilder().done(0);
    const lines = wrap === 0 ? [encoded] : encoded.match(new RegExp(`.{1,${wrap}}`, 'g'))!;
    return new OutputBuilder().out(lines.join('\n') + '\n').done(0);
  },
};
