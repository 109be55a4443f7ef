// The iptables build the simulated nodes run (a current Debian/Ubuntu node: nf_tables backend),
// and the error text shape xtables prints for parameter problems.

export const IPTABLES_VERSION = 'v1.8.10';
export const IPTABLES_BACKEND = 'nf_tables';

/** xtables_error(PARAMETER_PROBLEM, ...): the message, then the help hint; exit status 2. */
export function parameterProblem(program: string, message: string): { stdout: string; stderr: string; exitCode: number } {
  return {
    stdout: '',
    stderr: `${program} ${IPTABLES_VERSION} (${IPTABLES_BACKEND}): ${message}\nTry \`${program} -h' or '${program} --help' for more information.\n`,
    exitCode: 2,
  };
}
