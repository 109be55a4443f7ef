// How kubectl words a failure on stderr (cmdutil.CheckErr): API Status errors as
// `Error from server (Reason): message`, Invalid ones as `The Kind "name" is invalid: ...`,
// flag and usage errors with their `See 'kubectl X --help'` trailers. Exit status 1 throughout.

import type { ApiError } from '../../../kube/api-errors';

export function apiErrorText(error: ApiError): string {
  if (error.reason === 'Invalid') {
    const { kind, name, causes = [] } = error.details;
    const prefix = `The ${kind} "${name}" is invalid: `;
    if (causes.length === 1) return `${prefix}${causes[0].field}: ${causes[0].message}\n`;
    return `${prefix}\n${causes.map((c) => `* ${c.field}: ${c.message}\n`).join('')}`;
  }
  return `Error from server (${error.reason}): ${error.message}\n`;
}

/** A pflag error, as kubectl's FlagErrorFunc decorates it. */
export function flagErrorText(error: string, commandPath: string): string {
  return `error: ${error}\nSee '${commandPath} --help' for usage.\n`;
}

/** cmdutil.UsageErrorf. */
export function usageErrorText(message: string, commandPath: string): string {
  return `error: ${message}\nSee '${commandPath} -h' for help and examples\n`;
}

/** What Flatnet answers for a real kubectl feature the simulator does not model yet. */
export function notModelledText(what: string): string {
  return `error: ${what} is not available in this simulated cluster yet\n`;
}
