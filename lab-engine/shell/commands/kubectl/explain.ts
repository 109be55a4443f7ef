// kubectl explain (pkg/cmd/explain + pkg/explain/v2's plaintext template): KIND/VERSION header,
// DESCRIPTION wrapped at 76 columns and indented 4, FIELDS with each field's description
// wrapped at 78 minus its indent, `FIELD: name <type>` for a field path, and --recursive's
// indented tree. The text comes from explain-fields-*.ts; types without text are refused.

import { OutputBuilder, type CommandOutput } from '../../command-types';
import { resolveResource } from '../../../cluster/resources';
import { bool, str } from './flags';
import { notModelledText } from './kubectl-errors';
import { resourceTypeError } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';
import { CORE_TYPES } from './explain-fields-core';
import { NETWORKING_TYPES } from './explain-fields-networking';
import type { FieldDoc, TypeDoc } from './explain-schema';

const TYPES: Readonly<Record<string, TypeDoc>> = { ...CORE_TYPES, ...NETWORKING_TYPES };
/** Resources whose top-level type has text. */
const KIND_TYPES: Readonly<Record<string, string>> = { services: 'Service', endpoints: 'Endpoints', configmaps: 'ConfigMap', secrets: 'Secret', networkpolicies: 'NetworkPolicy', ingresses: 'Ingress', ingressclasses: 'IngressClass', endpointslices: 'EndpointSlice' };
/** Group/versions the simulated API server serves. */
const SERVED_GROUP_VERSIONS = new Set(['v1', 'apps/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1']);

const EXPLAIN_HELP = `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2

Options:
    --api-version='':
\tUse given api-version (group/version) of the resource.

    --output='plaintext':
\tFormat in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).

    --recursive=false:
\tWhen true, print the name of all the fields recursively. Otherwise, print the available fields with their description.

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]

${OPTIONS_TRAILER}`;

export const explain: KubectlVerb = {
  name: 'explain',
  flags: [
    { name: 'api-version', kind: 'string' },
    { name: 'recursive', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  help: EXPLAIN_HELP,
  run: runExplain,
};

class ExplainRefused extends Error {}

function runExplain(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const args = inv.args.positionals;
  if (args.length === 0) {
    return out.err('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n').done(1);
  }
  if (args.length > 1) return out.err('error: We accept only this format: explain RESOURCE\n').done(1);
  const output = str(inv.args, 'output') ?? 'plaintext';
  if (output !== 'plaintext') return out.err(notModelledText(`kubectl explain --output=${output}`)).done(1);

  const [typed, ...path] = args[0].split('.');
  const info = resolveResource(typed);
  if (!info) return out.err(resourceTypeError(typed)).done(1);
  const kind = KIND_TYPES[info.resource];
  if (!kind) return out.err(notModelledText(`kubectl explain ${info.resource}`)).done(1);
  const apiVersion = str(inv.args, 'api-version');
  if (apiVersion !== undefined && apiVersion !== info.apiVersion) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const gvr = `${group}/${version}, Resource=${info.resource}`;
    if (!SERVED_GROUP_VERSIONS.has(apiVersion)) return out.err(`error: couldn't find resource for "${gvr}"\n`).done(1);
    return out.err(`error: GVR (${gvr}) not found in OpenAPI schema\n`).done(1);
  }
  try {
    const header = `${info.group ? `GROUP:      ${info.group}\n` : ''}KIND:       ${kind}\nVERSION:    ${info.apiVersion.split('/').pop()}\n\n`;
    const body = explainPath(kind, path, bool(inv.args, 'recursive'));
    if (body === undefined) return out.err(`error: field "${path[path.length - 1]}" does not exist\n`).done(1);
    return out.out(`${header}${body}\n`).done(0);
  } catch (e) {
    if (e instanceof ExplainRefused) return out.err(notModelledText(`kubectl explain for ${e.message}`)).done(1);
    throw e;
  }
}

function typeDoc(name: string): TypeDoc {
  const doc = TYPES[name];
  if (!doc) throw new ExplainRefused(`the fields of ${name}`);
  return doc;
}

/** The template's "output": follow `path` from the kind's type; undefined when a field is missing. */
function explainPath(kind: string, path: readonly string[], recursive: boolean): string | undefined {
  let typeName: string | undefined = kind;
  let field: FieldDoc | undefined;
  for (const step of path) {
    if (!typeName) return undefined;
    field = typeDoc(typeName).fields.find((f) => f.name === step);
    if (!field) return undefined;
    typeName = field.ref;
  }
  let text = '';
  let description: string;
  if (field) {
    text += `FIELD: ${field.name} <${field.type}>\n\n\n`;
    description = `${field.description}\n`;
    if (typeName) description += `${typeDoc(typeName).description}\n`;
  } else {
    description = `${typeDoc(kind).description}\n`;
  }
  text += `DESCRIPTION:\n${indent(wrap(description, 76), 4)}\n`;
  // A primitive (or IntOrString) has no fields: the FIELDS block is left out.
  if (typeName && TYPES[typeName] === undefined && typeName !== 'IntOrString') typeDoc(typeName);
  const fields = typeName && TYPES[typeName] ? fieldList(typeName, 1, recursive, new Set()) : '';
  if (fields) text += `FIELDS:\n${fields}`;
  return text;
}

/** The template's "fieldList": fields in name order; with --recursive, one line each and their subfields. */
function fieldList(typeName: string, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  if (history.has(typeName)) return '';
  const seen = new Set(history).add(typeName);
  const fields = [...typeDoc(typeName).fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let text = '';
  const indentAmount = level * 2;
  for (const f of fields) {
    text += `${' '.repeat(indentAmount)}${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
    if (!recursive) {
      text += `${indent(wrap(f.description, 78 - indentAmount), indentAmount + 2)}\n\n`;
      continue;
    }
    if (f.ref && f.ref !== 'IntOrString') text += fieldList(f.ref, level + 1, recursive, seen);
  }
  return text;
}

function indent(s: string, amount: number): string {
  const pad = ' '.repeat(amount);
  return pad + s.split('\n').join(`\n${pad}`);
}

/** github.com/mitchellh/go-wordwrap WrapString, which kubectl's `wrap` template function uses. */
export function wrap(s: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + len(space) <= limit) out += space;
      } else {
        out += space + word;
      }
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += len(space) + len(word);
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + len(space) + len(word) > limit && len(word) < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + len(space) <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}

function len(s: string): number {
  return [...s].length;
}
