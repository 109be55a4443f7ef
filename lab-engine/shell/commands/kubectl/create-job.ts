// kubectl create job (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go, v1.34):
// `NAME --image=IMAGE [-- COMMAND [args...]]` builds a batch/v1 Job with one container named
// after the Job and restartPolicy Never; `--from=cronjob/NAME` copies a CronJob's template, which
// Flatnet cannot serve (it answers as for any type it does not serve). Complete → Validate → Run
// in kubectl's order and words: `exactly one NAME is required`, `either --image or --from must be
// specified`, `cannot specify --from and command`, `error: failed to create job: <API error>`,
// then `job.batch/NAME created` (or `created (dry run)` / `created (server dry run)`), -o yaml|name.

import { isApiError } from '../../../kube/api-errors';
import type { Job } from '../../../kube/types';
import { resolveResource } from '../../../cluster/resources';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { GLOBAL_FLAGS, bool, parseBool, str } from './flags';
import { LAST_APPLIED } from './manifest-apply';
import { flagErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { toYaml } from './printers/object-output';
import { resourceTypeError } from './resource-args';
import { jobFromCronJob } from './create-job-from-cronjob';
import { OPTIONS_TRAILER, type VerbInvocation } from './verb';

const COMMAND = 'kubectl create job';
const PRINTED = 'job.batch';

/** Flags only `create job` has. */
export const JOB_ONLY_FLAGS = [{ name: 'from', kind: 'string' }] as const;

const ACCEPTED = new Set<string>([
  'image', 'from', 'dry-run', 'output', 'save-config', 'validate', 'field-manager',
  'allow-missing-template-keys', 'show-managed-fields', 'template',
  ...GLOBAL_FLAGS.map((f) => f.name),
]);

type DryRun = 'none' | 'client' | 'server';
type Output = '' | 'yaml' | 'name' | 'json';

interface Options {
  name: string;
  image: string;
  from: string;
  command: string[];
  dryRun: DryRun;
  output: Output;
}

/** The Job kubectl sends, keyed in batchv1.Job's struct order (what -o json and --save-config print). */
interface ClientJob {
  kind: 'Job';
  apiVersion: 'batch/v1';
  metadata: { name: string; namespace?: string; creationTimestamp: null; annotations?: Record<string, string> };
  spec: { template: { metadata: { creationTimestamp: null }; spec: { containers: { name: string; image: string; command?: string[]; resources: Record<string, never> }[]; restartPolicy: 'Never' } } };
  status: Record<string, never>;
}

/** `kubectl create job --help` as kubectl v1.34 prints it (jobLong, jobExample, flags sorted by name, unwrapped). */
export const CREATE_JOB_HELP = `Create a job with the specified name.

Examples:
  # Create a job
  kubectl create job my-job --image=busybox
  
  # Create a job with a command
  kubectl create job my-job --image=busybox -- date
  
  # Create a job from a cron job named "a-cronjob"
  kubectl create job test-job --from=cronjob/a-cronjob

Options:
    --allow-missing-template-keys=true:
\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
\tName of the manager used to track field ownership.

    --from='':
\tThe name of the resource to create a Job from (only CronJob is supported).

    --image='':
\tImage name to run.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --save-config=false:
\tIf true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --show-managed-fields=false:
\tIf true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
\tMust be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]

${OPTIONS_TRAILER}`;

export async function createJob(inv: VerbInvocation, out: OutputBuilder, names: string[]): Promise<CommandOutput> {
  const options = complete(inv, names);
  if (typeof options === 'string') return out.err(options).done(1);
  // Validate.
  if (!options.image === !options.from) return out.err('error: either --image or --from must be specified\n').done(1);
  if (options.command.length && options.from) return out.err('error: cannot specify --from and command\n').done(1);
  if (options.from) {
    const [type, cronJob] = options.from.split('/', 2);
    if (resolveResource(type)?.resource !== 'cronjobs' || cronJob === undefined) return out.err(fromError(options.from)).done(1);
    const made = jobFromCronJob(inv, options.name, cronJob, options.dryRun !== 'none');
    if (typeof made === 'string') return out.err(made).done(1);
    return out.out(await print(made, options, options.dryRun === 'server' ? 'created (server dry run)' : options.dryRun === 'client' ? 'created (dry run)' : 'created')).done(0);
  }

  const job = clientJob(options, inv.explicitNamespace ? inv.namespace : undefined);
  if (bool(inv.args, 'save-config')) job.metadata.annotations = { [LAST_APPLIED]: `${goJson(job)}\n` };
  if (options.dryRun === 'client') return out.out(await print(job, options, 'created (dry run)')).done(0);
  if (options.output === 'json') return out.err(notModelledText('-o json for kubectl create job without --dry-run=client')).done(1);
  let stored: Job;
  try {
    stored = inv.ctx.cluster.api.create(
      'jobs',
      {
        name: options.name,
        namespace: inv.namespace,
        ...(job.metadata.annotations ? { annotations: job.metadata.annotations } : {}),
        template: { containers: [{ name: options.name, image: options.image, ...(options.command.length ? { command: options.command } : {}) }], restartPolicy: 'Never' },
      },
      { dryRun: options.dryRun === 'server' },
    );
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(`error: failed to create job: ${error.message}\n`).done(1);
  }
  return out.out(await print(stored, options, options.dryRun === 'server' ? 'created (server dry run)' : 'created')).done(0);
}

/** Complete: flags this subcommand lacks, NAME (NameFromCommandArgs), dry-run, printer, validate. */
function complete(inv: VerbInvocation, names: string[]): Options | string {
  for (const flag of inv.args.flags.keys()) if (!ACCEPTED.has(flag)) return flagErrorText(`unknown flag: --${flag}`, COMMAND);
  if (names.length !== 1) return usageErrorText(`exactly one NAME is required, got ${names.length}`, COMMAND);
  const dryRunText = str(inv.args, 'dry-run') ?? 'none';
  const dryRun = dryRunOf(dryRunText);
  if (!dryRun) return `error: Invalid dry-run value (${dryRunText}). Must be "none", "server", or "client".\n`;
  if (str(inv.args, 'template')) return notModelledText('--template for kubectl create');
  const output = (str(inv.args, 'output') ?? '').toLowerCase();
  switch (output) {
    case '':
    case 'json':
    case 'yaml':
    case 'name':
      break;
    case 'go-template': case 'go-template-file': case 'template': case 'templatefile': case 'jsonpath': case 'jsonpath-as-json': case 'jsonpath-file':
      return notModelledText(`-o ${output} for kubectl create`);
    default:
      return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`;
  }
  const validate = str(inv.args, 'validate') ?? 'strict';
  if (parseBool(validate) === undefined && !['strict', 'warn', 'ignore'].includes(validate)) {
    return `error: invalid - validate option "${validate}"; must be one of: strict (or true), warn, ignore (or false)\n`;
  }
  // --image is a plain string flag here: the last one given wins.
  const images = (inv.args.flags.get('image') as string[] | string | undefined) ?? [];
  const image = Array.isArray(images) ? (images.at(-1) ?? '') : images;
  return { name: names[0], image, from: str(inv.args, 'from') ?? '', command: inv.args.afterDash ?? [], dryRun, output: output as Output };
}

function dryRunOf(text: string): DryRun | undefined {
  const b = parseBool(text);
  if (b !== undefined) return b ? 'client' : 'none';
  return text === 'client' || text === 'server' || text === 'none' ? text : undefined;
}

/**
 * `--from=TYPE/NAME` goes through the resource builder first: a type the server does not serve
 * fails there; one it serves is not a CronJob (`unknown object type`). Flatnet serves no CronJobs,
 * so no --from can succeed.
 */
function fromError(from: string): string {
  const [type, name] = from.split('/', 2);
  const info = resolveResource(type);
  if (!info) return resourceTypeError(type);
  if (name === undefined) return 'error: from must be an existing cronjob\n';
  const goType = `*${info.apiVersion.includes('/') ? info.apiVersion.split('/')[1] : 'v1'}.${info.kind}`;
  return `error: unknown object type ${goType}\n`;
}

function clientJob(o: Options, namespace: string | undefined): ClientJob {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name: o.name, ...(namespace ? { namespace } : {}), creationTimestamp: null },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [{ name: o.name, image: o.image, ...(o.command.length ? { command: o.command } : {}), resources: {} }], restartPolicy: 'Never' },
      },
    },
    status: {},
  };
}

async function print(obj: ClientJob | Job, o: Options, operation: string): Promise<string> {
  switch (o.output) {
    case '':
      return `${PRINTED}/${o.name} ${operation}\n`;
    case 'name':
      return `${PRINTED}/${o.name}\n`;
    case 'yaml':
      return toYaml(obj);
    case 'json':
      // Only the client's own object (a client dry run), in Go struct order.
      return `${goJson(obj, 4)}\n`;
    default: {
      const never: never = o.output;
      return never;
    }
  }
}

function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
