// What every simulated program returns: what it printed on each stream and its exit status.

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
