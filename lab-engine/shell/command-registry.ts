// The commands each shell looks up, read from the one table in commands/index.ts. A command not
// found here answers `bash: NAME: command not found` (exit 127). Every entry is a stand-in that
// import()s its implementation the first time it runs and keeps it for the life of the process,
// so an idle labsh has loaded none of them.

import type { CommandContext, CommandOutput, ShellCommand } from './command-types';
import { COMMAND_TABLE, onWorkstation, type CommandRow } from './commands/index';

/** A command that loads on first use; afterwards it is the loaded command's own `run`. */
function lazyCommand(name: string, load: () => Promise<ShellCommand>): ShellCommand {
  let loaded: ShellCommand | undefined;
  let loading: Promise<ShellCommand> | undefined;
  const preload = (): Promise<ShellCommand> => {
    loading ??= load().then(
      (command) => (loaded = command),
      (error: unknown) => {
        // A failed import (a missing chunk) is retried the next time the command is typed.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    name,
    run(ctx: CommandContext): CommandOutput | Promise<CommandOutput> {
      return loaded ? loaded.run(ctx) : preload().then((command) => command.run(ctx));
    },
    // Never rejects: a failed load surfaces when the command runs, as that command's internal error.
    preload: () => preload().then(
      () => undefined,
      () => undefined,
    ),
  };
}

const lazy = (row: CommandRow) => [row.name, lazyCommand(row.name, row.load)] as const;

/** Every implemented command, which nodes and pods pick from by their toolsets (shell/contexts/toolsets.ts). */
export const IMPLEMENTED_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(COMMAND_TABLE.map(lazy));

/** The learner's workstation: every command the table puts there, in the table's order. */
export const WORKSTATION_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(COMMAND_TABLE.filter(onWorkstation).map((row) => [row.name, IMPLEMENTED_COMMANDS.get(row.name)!]));

function busyboxVariant(name: string): ShellCommand {
  const row: CommandRow | undefined = COMMAND_TABLE.find((r) => r.name === name);
  if (!row?.busybox) throw new Error(`command table: ${name} has no BusyBox variant`);
  return lazyCommand(name, row.busybox);
}

/** Commands that differ by place: iproute2's `ip` or BusyBox's, and leaving a nested shell. */
export const CONTEXT_VARIANTS = {
  ip: IMPLEMENTED_COMMANDS.get('ip')!,
  busyboxIp: busyboxVariant('ip'),
  contextCommands: COMMAND_TABLE.filter((row) => row.where === 'every-shell').map((row) => IMPLEMENTED_COMMANDS.get(row.name)!),
} as const;
