// `-o jsonpath=TEMPLATE` and `-o custom-columns=SPEC` (with their -file variants): kubectl's
// JSONPathPrinter and CustomColumnsPrinter over the same JSON the -o json printer shows. Errors
// carry kubectl's wording, including the long "error executing jsonpath" report with the object
// dumped as Go's %#v.

import { executeTemplate, findResults, JsonPathExecError } from '../../../../kube/jsonpath/evaluate';
import { goSprint, goSyntax } from '../../../../kube/jsonpath/go-values';
import { parseTemplate, type TemplateNode } from '../../../../kube/jsonpath/parse';
import { formatTable } from './table-writer';

export type TemplatePrinter =
  | { kind: 'jsonpath'; raw: string; template: TemplateNode[] }
  | { kind: 'custom-columns'; columns: { header: string; template: TemplateNode[] }[] };

export type TemplatePrinterParse = { ok: true; printer: TemplatePrinter } | { ok: false; error: string };

export function jsonPathPrinter(raw: string): TemplatePrinterParse {
  if (raw === '') return { ok: false, error: 'error: template format specified but no template given\n' };
  const parsed = parseTemplate(raw);
  if (!parsed.ok) return { ok: false, error: `error: error parsing jsonpath ${raw}, ${parsed.error}\n` };
  return { ok: true, printer: { kind: 'jsonpath', raw, template: parsed.template } };
}

const RELAXED_PATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

export function customColumnsPrinter(spec: string): TemplatePrinterParse {
  if (spec === '') return { ok: false, error: 'error: custom-columns format specified but no custom columns given\n' };
  const columns: { header: string; template: TemplateNode[] }[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>\n` };
    const relaxed = relaxedPath(part.slice(colon + 1));
    if (relaxed === undefined) return { ok: false, error: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n" };
    const parsed = parseTemplate(relaxed);
    if (!parsed.ok) return { ok: false, error: `error: ${parsed.error}\n` };
    columns.push({ header: part.slice(0, colon), template: parsed.template });
  }
  return { ok: true, printer: { kind: 'custom-columns', columns } };
}

/** The two-line custom-columns-file: headers, then the paths, each separated by whitespace. */
export function customColumnsFromFile(text: string): TemplatePrinterParse {
  const lines = text.split('\n');
  const headers = (lines[0] ?? '').split(/\s+/).filter(Boolean);
  if (lines.length < 1 || lines[0] === '') return { ok: false, error: 'error: invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.\n' };
  if (lines.length < 2) return { ok: false, error: 'error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n' };
  const specs = lines[1].split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) return { ok: false, error: `error: number of headers (${headers.length}) and field specifications (${specs.length}) don't match\n` };
  return customColumnsPrinter(headers.map((h, i) => `${h}:${specs[i]}`).join(','));
}

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` all mean `{.metadata.name}`. */
export function relaxedPath(expression: string): string | undefined {
  if (expression === '') return '';
  const match = RELAXED_PATH.exec(expression);
  if (!match) return undefined;
  return `{.${match[1] || match[2]}}`;
}

export type PrintResult = { ok: true; text: string } | { ok: false; error: string };

/** Prints `data` (one object, or kubectl's List of them) with the printer. */
export function printWithTemplate(printer: TemplatePrinter, data: unknown, items: readonly unknown[], noHeaders: boolean): PrintResult {
  switch (printer.kind) {
    case 'jsonpath':
      try {
        return { ok: true, text: executeTemplate(printer.template, data) };
      } catch (error) {
        if (!(error instanceof JsonPathExecError)) throw error;
        return { ok: false, error: jsonPathExecutionError(printer.raw, error.message, data) };
      }
    case 'custom-columns': {
      const rows: string[][] = noHeaders ? [] : [printer.columns.map((c) => c.header)];
      try {
        for (const item of items) rows.push(printer.columns.map((c) => columnCell(c.template, item)));
      } catch (error) {
        if (!(error instanceof JsonPathExecError)) throw error;
        return { ok: false, error: `error: ${error.message}\n` };
      }
      return { ok: true, text: formatTable(rows) };
    }
    default: {
      const never: never = printer;
      return never;
    }
  }
}

function columnCell(template: readonly TemplateNode[], item: unknown): string {
  const groups = findResults(template, item);
  if (groups.length === 0 || groups[0].length === 0) return ['<none>', ...groups.flat().map(goSprint)].join(',');
  return groups.flat().map(goSprint).join(',');
}

function jsonPathExecutionError(raw: string, message: string, data: unknown): string {
  const report =
    `Error executing template: ${message}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${raw}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
  return `error: error executing jsonpath ${JSON.stringify(raw)}: ${report}\n`;
}
