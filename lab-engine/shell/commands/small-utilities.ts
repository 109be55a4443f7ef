// The small utilities learners reach for (which, whoami, id, date, basename, dirname, column,
// paste) and netcat, listed once so the registry takes them in a single line. `which` needs the
// workstation's own command table, which the registry hands in.

import type { ShellCommand } from '../command-types';
import { basename } from './basename/basename';
import { column } from './column/column';
import { date } from './date/date';
import { dirname } from './dirname/dirname';
import { id } from './id/id';
import { nc } from './nc/nc';
import { paste } from './paste/paste';
import { createWhichCommand } from './which/which';
import { whoami } from './whoami/whoami';

export function smallUtilities(workstationPrograms: () => Iterable<string>): ShellCommand[] {
  return [basename, column, date, dirname, id, nc, paste, createWhichCommand(workstationPrograms), whoami];
}
