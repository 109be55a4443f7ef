// labctl: the author's and CI's tool for labs (DESIGN.md "Command-line contracts").
//   labctl test [ID|PATH ...] [--json] [--seeds 1,2,3]   the self-test; exit 1 if any lab fails
//   labctl lint [ID|PATH ...]            schema and consistency errors only; exit 1 if any
//   labctl new ID [--title T] [--module M]  scaffold content/labs/ID, a lab that passes both
//   labctl export ID [--out FILE] / import FILE.zip [--force]  a lab folder as a zip (labctl-archive.ts)
// Usage errors (unknown flag or subcommand) exit 2. Everything it prints goes through `io`, so
// tests run it in-process with a fake simulation.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LAB_FILE, formatIssue, listLabDirs, tryLoadLab, type LabLoadResult } from './loader';
import { ID_PATTERN } from './lab-id';
import { scaffoldLab } from './lab-scaffold';
import { DEFAULT_LAB_SEED, selfTestLab, type SelfTestDeps, type SelfTestFailure, type SelfTestReport } from './self-test';

export const LABCTL_USAGE = `Usage: labctl test [ID|PATH ...] [--json] [--seeds N,N,...]
       labctl lint [ID|PATH ...]
       labctl new ID [--title TITLE] [--module MODULE]
       labctl export ID [--out FILE]
       labctl import FILE.zip [--force]

Commands:
  test    prove labs solvable: setup leaves every check failing, the solution makes every
          check pass, and each mutation fails the checks it names
  lint    report schema errors in lab.yaml files without running anything
  new     write content/labs/ID: a small working lab (setup, one check, a solution, three
          mutations) that passes lint and test, to reshape into your own (see AUTHORING.md)
  export  write content/labs/ID as a zip of ID/ (default ./ID.zip): the archive the browser
          editor imports
  import  unpack a lab archive (one folder ID/ with lab.yaml, steps/, files/) into
          content/labs/ID if it loads; --force replaces a lab already there

Without ID or PATH, every lab in content/labs is used. An ID names content/labs/ID; a PATH is a
lab folder or its lab.yaml.

Options:
  --json       (test) print one JSON object: {"labs": [{"id", "module", "passed", "checks",
               "mutations", "failures", "seeds", "phases"}]}; each phase is {"phase", "seed",
               "mutation"?, "ok", "message"?, "checks": [{"id", "passed", "message"}]}
  --seeds N,…  (test) the attempt seeds whose draws of the lab's variables to test (default:
               3 distinct draws for a lab with variables)
  --title T    (new) the lab's title (default: "A Service that refuses every connection")
  --module M   (new) the module slug the lab belongs to (default: services)
  -h, --help   show this help

Environment:
  FLATNET_CONTENT_DIR   the content folder (default: the nearest content/ holding labs/)
`;

export interface LabctlIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The simulation the self-test runs on; the real engine unless a test passes a fake. */
  deps?: SelfTestDeps;
}

const defaultIo = (): LabctlIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
});

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[], io: LabctlIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(LABCTL_USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === 'new') return newLab(rest, io);
  if (command === 'export' || command === 'import') {
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout(LABCTL_USAGE);
      return EXIT_OK;
    }
    const { archiveCommand } = await import('./labctl-archive');
    return archiveCommand(command, rest, io, findContentDir(io));
  }
  if (command !== 'test' && command !== 'lint') {
    io.stderr(`labctl: unknown command "${command}"; the commands are test, lint, new, export and import (see labctl --help)\n`);
    return EXIT_USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: command === 'test' ? { json: { type: 'boolean' }, seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } : { help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`labctl ${command}: ${usageMessage(error)} (see labctl --help)\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(LABCTL_USAGE);
    return EXIT_OK;
  }
  const seeds = 'seeds' in parsed.values && typeof parsed.values.seeds === 'string' ? parseSeeds(parsed.values.seeds) : undefined;
  if (seeds === null) {
    io.stderr('labctl test: --seeds takes whole numbers 0-4294967295 separated by commas, e.g. --seeds 1,2,3\n');
    return EXIT_USAGE;
  }
  const contentDir = findContentDir(io);
  const targets = parsed.positionals.length ? parsed.positionals.map((arg) => targetDir(arg, contentDir, io.cwd)) : await listLabDirs(contentDir);
  if (targets.length === 0) {
    io.stderr(`labctl: no labs found in ${relative(io.cwd, join(contentDir, 'labs')) || '.'}\n`);
    return EXIT_FAILED;
  }
  const loaded: LabLoadResult[] = [];
  for (const dir of targets) loaded.push(await tryLoadLab(dir));
  return command === 'lint' ? lint(loaded, io) : test(loaded, { json: 'json' in parsed.values && parsed.values.json === true, seeds }, io);
}

const DEFAULT_SCAFFOLD = { title: 'A Service that refuses every connection', module: 'services' };

/** `labctl new`: writes the scaffold, never over an existing folder. */
function newLab(args: string[], io: LabctlIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { title: { type: 'string' }, module: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`labctl new: ${usageMessage(error)} (see labctl --help)\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(LABCTL_USAGE);
    return EXIT_OK;
  }
  const [id, ...extra] = parsed.positionals;
  if (!id || extra.length) {
    io.stderr('labctl new: name exactly one lab id, e.g. labctl new my-first-lab\n');
    return EXIT_USAGE;
  }
  const module = parsed.values.module ?? DEFAULT_SCAFFOLD.module;
  for (const [what, value] of [['lab id', id], ['module', module]] as const) {
    if (!ID_PATTERN.test(value)) {
      io.stderr(`labctl new: "${value}" is not a valid ${what}: lowercase letters, digits and dashes, starting with a letter or digit, at most 64\n`);
      return EXIT_USAGE;
    }
  }
  const dir = join(findContentDir(io), 'labs', id);
  if (existsSync(dir)) {
    io.stderr(`labctl new: ${relative(io.cwd, dir)} already exists; choose another id\n`);
    return EXIT_FAILED;
  }
  const files = scaffoldLab({ id, module, title: parsed.values.title ?? DEFAULT_SCAFFOLD.title });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const shown = relative(io.cwd, dir) || '.';
  io.stdout(`created ${shown}/ (${Object.keys(files).sort().join(', ')})\nnext: npx labctl test ${id}, then make it your own (AUTHORING.md)\n`);
  return EXIT_OK;
}

function lint(results: LabLoadResult[], io: LabctlIo): number {
  let bad = 0;
  for (const result of results) {
    if (result.ok) {
      io.stdout(`✓ ${result.lab.id}\n`);
      continue;
    }
    bad++;
    io.stdout(`✗ ${result.id}\n`);
    for (const issue of result.issues) io.stdout(`    ${formatIssue(issue, io.cwd)}\n`);
  }
  io.stdout(`${summary(results.length, bad)}\n`);
  return bad ? EXIT_FAILED : EXIT_OK;
}

/** `1,2,3` → [1, 2, 3]; null if any part is not a seed. */
function parseSeeds(text: string): number[] | null {
  const seeds = text.split(',').map((part) => (/^\d{1,10}$/.test(part.trim()) ? Number(part.trim()) : NaN));
  return seeds.length > 0 && seeds.length <= MAX_SEEDS && seeds.every((seed) => Number.isInteger(seed) && seed <= 0xffffffff) ? seeds : null;
}

/** Seeds one `labctl test` may run, each a full self-test of every lab named. */
const MAX_SEEDS = 16;

async function test(results: LabLoadResult[], { json, seeds }: { json: boolean; seeds?: number[] }, io: LabctlIo): Promise<number> {
  const deps = io.deps ?? (await engineDeps());
  const reports: SelfTestReport[] = [];
  for (const result of results) {
    const report = result.ok ? await selfTestLab(result.lab, deps, { seeds }) : loadFailure(result, io.cwd);
    reports.push(report);
    if (!json) io.stdout(humanReport(report));
  }
  const failed = reports.filter((report) => !report.passed).length;
  if (json) {
    // Exactly the keys DESIGN.md promises, in its order (then the seeds and phases the authoring editor shows).
    const labs = reports.map((r) => ({ id: r.id, module: r.module, passed: r.passed, checks: r.checks, mutations: r.mutations, failures: r.failures, seeds: r.seeds, phases: r.phases }));
    io.stdout(`${JSON.stringify({ labs })}\n`);
  } else {
    io.stdout(`${summary(reports.length, failed)}\n`);
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** The real engine, imported only when a test runs: `lint` stays fast and needs no simulator. */
async function engineDeps(): Promise<SelfTestDeps> {
  const { createSimulation, settle } = await import('../simulation/simulation');
  return { createSimulation: (options) => createSimulation(options), settle };
}

function loadFailure(result: Extract<LabLoadResult, { ok: false }>, cwd: string): SelfTestReport {
  const failures: SelfTestFailure[] = result.issues.map((issue) => ({ phase: 'load', message: formatIssue(issue, cwd) }));
  const phase = { phase: 'load' as const, seed: DEFAULT_LAB_SEED, ok: false, message: failures[0]?.message, checks: [] };
  return { id: result.id, module: null, passed: false, checks: 0, mutations: 0, failures, seeds: [], phases: [phase] };
}

function humanReport(report: SelfTestReport): string {
  const draws = report.seeds.length > 1 ? `, seeds ${report.seeds.join(', ')}` : '';
  const counts = `${plural(report.checks, 'check')}, ${plural(report.mutations, 'mutation')}${draws}`;
  const head = `${report.passed ? '✓' : '✗'} ${report.id}${report.module ? ` (${report.module})` : ''}: ${counts}\n`;
  const lines = report.failures.map((failure) => {
    const output = failure.output ? `\n${indent(failure.output, '        ')}` : '';
    return `    ${failure.message}${output}\n`;
  });
  return head + lines.join('');
}

function summary(total: number, failed: number): string {
  return `${plural(total, 'lab')}: ${total - failed} passed, ${failed} failed`;
}

/** An argument that looks like a path is one; anything else is a lab id under content/labs. */
function targetDir(arg: string, contentDir: string, cwd: string): string {
  if (arg.includes('/') || arg.includes('\\') || arg.endsWith('.yaml') || arg === '.' || arg === '..') {
    const path = resolve(cwd, arg);
    return path.endsWith(LAB_FILE) ? dirname(path) : path;
  }
  return join(contentDir, 'labs', arg);
}

function findContentDir(io: LabctlIo): string {
  if (io.env.FLATNET_CONTENT_DIR) return resolve(io.cwd, io.env.FLATNET_CONTENT_DIR);
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'content', 'labs'))) return join(dir, 'content');
    if (dirname(dir) === dir) return join(resolve(io.cwd), 'content');
  }
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node's parseArgs says "Unknown option '--x'. To specify a positional argument starting with a '-'..."; keep the first sentence.
  return message.replace(/\. To specify.*$/s, '').replace(/^Unknown option/, 'unknown flag');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
