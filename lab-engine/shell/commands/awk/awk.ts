// awk: `-F SEP`, `-v NAME=VALUE`, a program from the command line (or `-f FILE` in the virtual
// filesystem) over stdin or files. The subset is parsed in awk-parser.ts and run by awk-runtime.ts
// (awk's value rules, fields that rebuild $0 when assigned, a step limit so `while (1)` ends);
// here are the options, the inputs and gawk's exit codes and messages.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { readSources } from '../text-input';
import { AwkSyntaxError, parseAwk, type Rule } from './awk-parser';
import { AwkRun } from './awk-runtime';
import { AwkRuntimeError, Exit, LoopJump, Next } from './awk-values';

const USAGE = 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...\n';

function unescapeSep(sep: string): string {
  return sep === 't' ? '\t' : sep.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

export const awk: ShellCommand = {
  name: 'awk',
  run(ctx) {
    const out = new OutputBuilder();
    const args = ctx.args;
    let fs: string | undefined;
    const assigns: [string, string][] = [];
    let program: string | undefined;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (a === '--help') return out.out(USAGE).done(0);
      if (a === '--version') return out.out('GNU Awk 5.2.1 (Flatnet subset)\n').done(0);
      if (a.startsWith('-F')) { fs = a.length > 2 ? a.slice(2) : args[++i]; if (fs === undefined) return out.err(`awk: option requires an argument -- F\n${USAGE}`).done(2); continue; }
      if (a.startsWith('-v') || a.startsWith('-f')) {
        const value = a.length > 2 ? a.slice(2) : args[++i];
        if (value === undefined) return out.err(`awk: option requires an argument -- ${a[1]}\n${USAGE}`).done(2);
        if (a[1] === 'f') {
          const text = ctx.fs.read(value);
          if (text === undefined) return out.err(`awk: fatal: can't open source file \`${value}' for reading: No such file or directory\n`).done(2);
          program = text;
          continue;
        }
        const eq = value.indexOf('=');
        if (eq <= 0) return out.err(`awk: \`${value}' argument to \`-v' not in \`var=value' form\n\n${USAGE}`).done(2);
        assigns.push([value.slice(0, eq), value.slice(eq + 1)]);
        continue;
      }
      if (a.startsWith('--')) return out.err(`awk: unrecognized option '${a}'\n${USAGE}`).done(2);
      if (a.startsWith('-') && a.length > 1) return out.err(`awk: invalid option -- '${a[1]}'\n${USAGE}`).done(2);
      break;
    }
    if (program === undefined) {
      if (i >= args.length) return out.err(USAGE).done(2);
      program = args[i++];
    }
    const files = args.slice(i);
    let rules: Rule[];
    try {
      rules = parseAwk(program);
    } catch (error) {
      if (error instanceof AwkSyntaxError) return out.err(`${error.message}\n`).done(2);
      throw error;
    }
    const run = new AwkRun(rules);
    run.vars.set('FS', fs === undefined ? ' ' : unescapeSep(fs));
    run.vars.set('OFS', ' ');
    run.vars.set('ORS', '\n');
    run.vars.set('NR', 0);
    run.vars.set('SUBSEP', '\x1c');
    for (const [k, v] of assigns) run.vars.set(k, v.replace(/\\t/g, '\t').replace(/\\n/g, '\n'));
    let code = 0;
    try {
      try {
        run.runRules('begin');
        const hasMain = rules.some((r) => r.pattern.kind !== 'begin');
        if (hasMain) {
          const errors: string[] = [];
          const sources = readSources(ctx, 'awk', files.filter((f) => !/^[A-Za-z_]\w*=/.test(f)), errors);
          for (const e of errors) out.err(e.replace(/^awk: (.*): No such file or directory/, "awk: fatal: cannot open file `$1' for reading: No such file or directory"));
          if (errors.length) code = 2;
          let nr = 0;
          for (const source of sources) {
            const lines = source.text.split('\n');
            if (lines[lines.length - 1] === '') lines.pop();
            run.vars.set('FILENAME', source.name === '(standard input)' ? '' : source.name);
            for (const line of lines) {
              run.vars.set('NR', ++nr);
              run.vars.set('FNR', nr);
              run.setRecord(line);
              try {
                run.runRecord();
              } catch (error) {
                if (!(error instanceof Next)) throw error;
              }
            }
          }
        }
      } catch (error) {
        if (!(error instanceof Exit)) throw error;
        code = error.code;
      }
      try {
        run.runRules('end');
      } catch (error) {
        if (!(error instanceof Exit)) throw error;
        code = error.code;
      }
    } catch (error) {
      if (error instanceof AwkRuntimeError) return out.out(run.out).err(`${error.message}\n`).done(2);
      if (error instanceof LoopJump) return out.out(run.out).err(`awk: cmd. line:1: error: \`${error.kind}' is not allowed outside a loop\n`).done(2);
      throw error;
    }
    return out.out(run.out).done(code);
  },
};
