// grep as people pipe kubectl, iptables and config files into it: basic regular expressions by
// default (so `a|b` is literal, `a\|b` alternates), -E/-F/-P, -i -v -c -n -o -q -s -w -x -l -L
// -h -H -m, context lines (-A/-B/-C/-NUM with `--` group separators), GNU grep's messages and exit
// statuses (0 a line selected, 1 none, 2 trouble). Options: grep-options.ts; one file's pass:
// grep-scan.ts; regular expressions: grep-regex.ts.

import type { CommandContext, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { linesOf, readSources } from '../text-input';
import { parseGrepArgs, type GrepOptions } from './grep-options';
import { LearnerRegexError, learnerRegex } from '../learner-regex';
import { breToJs, ereToJs, escapeRegex, RegexSyntaxError } from './grep-regex';
import { scanSource, type ScanState } from './grep-scan';

const HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -P, --perl-regexp         PATTERNS are Perl regular expressions
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -i, --ignore-case         ignore case distinctions in patterns and data
      --no-ignore-case      do not ignore case distinctions (default)
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -n, --line-number         print line number with output lines
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --group-separator=SEP  print SEP on line between matches with context
      --no-group-separator  do not print separator for matches with context
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
`;

export const grep: ShellCommand = {
  name: 'grep',
  run(ctx) {
    return runGrep(ctx);
  },
};

/** The patterns as one global JavaScript expression, or a GNU-style complaint. */
function compile(o: GrepOptions): RegExp | string {
  try {
    const sources = o.patterns.flatMap((p) => p.split('\n')).map((p) => {
      switch (o.syntax) {
        case 'fixed': return escapeRegex(p);
        case 'extended': return ereToJs(p);
        case 'perl': return p;
        case 'basic': return breToJs(p);
        default: { const never: never = o.syntax; return never; }
      }
    });
    let body = sources.map((s) => `(?:${s})`).join('|');
    if (o.lineRegexp) body = `^(?:${body})$`;
    // RE2 has no lookahead: the word's right edge is consumed and the match reported as group 1.
    else if (o.wordRegexp) return learnerRegex(`(?<!\\w)(${body})(?:\\W|$)`, o.ignoreCase ? 'gi' : 'g', { reportGroup: 1 });
    return learnerRegex(body, o.ignoreCase ? 'gi' : 'g');
  } catch (error) {
    return error instanceof RegexSyntaxError || error instanceof LearnerRegexError ? error.message : 'Invalid regular expression';
  }
}

function runGrep(ctx: CommandContext) {
  const out = new OutputBuilder();
  const parsed = parseGrepArgs(ctx.args);
  if (parsed.kind === 'help') return out.out(HELP).done(0);
  if (parsed.kind === 'error') return out.err(parsed.stderr).done(2);
  const o = parsed.options;
  const regex = compile(o);
  if (typeof regex === 'string') return out.err(`grep: ${regex}\n`).done(2);
  const showName = o.withFilename ?? o.files.length > 1;
  const state: ScanState = { printedAny: false };
  let matched = false;
  let trouble = false;
  // One file at a time, so a missing file's message lands between the others' output as in grep.
  for (const file of o.files.length ? o.files : [undefined]) {
    const errors: string[] = [];
    const [source] = readSources(ctx, 'grep', file === undefined ? [] : [file], errors);
    if (!source) {
      trouble = true;
      if (!o.noMessages) out.err(errors.join(''));
      continue;
    }
    const scan = scanSource(source.name, linesOf(source.text), regex, o, showName, state);
    if (scan.selected > 0) matched = true;
    if (o.quiet) {
      if (matched) return out.done(0);
      continue;
    }
    if (o.listFiles) {
      if ((scan.selected > 0) === (o.listFiles === 'with')) out.out(`${source.name}\n`);
      continue;
    }
    if (o.count) out.out(`${showName ? `${source.name}:` : ''}${scan.selected}\n`);
    else out.out(scan.output);
  }
  return out.done(trouble ? 2 : matched ? 0 : 1);
}
