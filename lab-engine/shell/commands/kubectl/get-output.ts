// What kubectl get prints besides the verb's flow: the server's Table with the columns kubectl
// adds, the jsonpath and custom-columns printers (and their -file forms), and objects as plain
// JSON for templates.

import type { ResourceInfo } from '../../../cluster/resources';
import type { ApiObject } from '../../../kube/types';
import type { VirtualFs } from '../../virtual-fs';
import { decorate, type Table, type TableOptions } from './printers/resource-tables';
import { customColumnsFromFile, customColumnsPrinter, jsonPathPrinter, type TemplatePrinterParse } from './printers/template-output';
import type { VerbInvocation } from './verb';

type AnyObject = ApiObject;

/** The server's Table for these objects, with the NAMESPACE (-A) and LABELS (--show-labels) columns kubectl adds. */
export function buildTable(ctx: VerbInvocation['ctx'], info: ResourceInfo, objects: AnyObject[], o: TableOptions): Table {
  const table = ctx.cluster.api.table(info.resource, objects as never[], { wide: o.wide, nowMs: o.nowMs });
  return decorate(table, objects, o);
}

/** The printer for jsonpath and custom-columns formats (their -file variants read the template from a file), or undefined for other formats. */
export function templatePrinter(output: string, fs: VirtualFs): TemplatePrinterParse | undefined {
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? '' : output.slice(eq + 1);
  const fromFile = (parse: (text: string) => TemplatePrinterParse): TemplatePrinterParse => {
    if (value === '') return { ok: false, error: 'error: template format specified but no template file given\n' };
    const text = fs.read(value);
    if (text === undefined) return { ok: false, error: `error: error reading --template ${value}, open ${value}: no such file or directory\n` };
    return parse(text);
  };
  switch (format) {
    case 'jsonpath':
      return jsonPathPrinter(value);
    case 'custom-columns':
      return customColumnsPrinter(value);
    case 'jsonpath-file':
      return fromFile((text) => jsonPathPrinter(text));
    case 'custom-columns-file':
      return fromFile(customColumnsFromFile);
    default:
      return undefined;
  }
}

/** The object as the API server would send it: JSON, without the model's undefined fields. */
export function plainJson(object: AnyObject): object {
  return JSON.parse(JSON.stringify(object));
}
