// The shell interpreter: runs a parsed script (../syntax) against the services it is given.
// Other folders import it through here; the files inside import each other directly.

export { Interpreter } from './interpreter';
export { OutputSink } from './output';
export type { ExecResult, InterpreterServices, RunControl, ShellState } from './shell-state';
