// The text tools and small shell utilities (one folder each), listed once so the registry takes
// them in a single line: new ones are added here.

import type { ShellCommand } from '../command-types';
import { awk } from './awk/awk';
import { base64 } from './base64/base64';
import { cut } from './cut/cut';
import { env, printenv } from './env/env';
import { jq } from './jq/jq';
import { ls } from './ls/ls';
import { nano } from './nano/nano';
import { printf } from './printf/printf';
import { sedCommand } from './sed/sed';
import { seq } from './seq/seq';
import { sort } from './sort/sort';
import { tee } from './tee/tee';
import { bracketCommand, colonCommand, testCommand } from './test/test';
import { tr } from './tr/tr';
import { uniq } from './uniq/uniq';
import { vi, vim } from './vi/vi';
import { watch } from './watch/watch';
import { yes } from './yes/yes';

export const TEXT_TOOLS: readonly ShellCommand[] = [awk, base64, bracketCommand, colonCommand, cut, env, jq, ls, nano, printenv, printf, sedCommand, seq, sort, tee, testCommand, tr, uniq, vi, vim, watch, yes];
