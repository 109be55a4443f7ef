// kubectl's JSONPath templates on the input of the Kubernetes docs' "JSONPath Support" page
// (kubernetes.io/docs/reference/kubectl/jsonpath), with results as current kubectl prints them:
// maps and lists as compact JSON (client-go PrintResults), other values with Go's %v. Errors are
// client-go's parser and evaluator messages.

import { describe, expect, it } from 'vitest';
import { executeTemplate } from './evaluate';
import { goSprint, goSyntax } from './go-values';
import { parseTemplate } from './parse';

const input = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2' },
      status: { capacity: { cpu: '8' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.2' }, { type: 'another', address: '127.0.0.3' }] },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

function run(template: string, data: unknown = input): string {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return executeTemplate(parsed.template, data);
}

describe('JSONPath templates (the docs table)', () => {
  it.each([
    ['kind is {.kind}', 'kind is List'],
    ["{['kind']}", 'List'],
    ['{$.kind}', 'List'],
    ['{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
    ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['{.users[0].name}', 'myself'],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", '127.0.0.1'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
    ['{.items[-1:].metadata.name}', '127.0.0.2'],
    ['{.items[0:2:1].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['{.items[1].status.addresses[*].address}', '127.0.0.2 127.0.0.3'],
    ['{.items[*].status.addresses[?(@.type!="another")].address}', '127.0.0.1 127.0.0.2'],
    ['{.users[?(@.user.password)].name}', 'e2e'],
    ['{.items[0].status.capacity.*}', '4'],
    ['{.nothing}', ''],
    ['{.users[1].user}', '{"password":"secret","username":"admin"}'],
    ['{range .users[*]}{range .user.*}<{@}>{end};{end}', ';<secret><admin>;'],
    ['{range .missing[*]}x{end}after', 'after'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  it('compares numbers and strings as Go templates do', () => {
    const ports = { ports: [{ name: 'dns', port: 53 }, { name: 'metrics', port: 9153 }] };
    expect(run('{.ports[?(@.port>100)].name}', ports)).toBe('metrics');
    expect(run('{.ports[?(@.port<=53)].name}', ports)).toBe('dns');
    expect(() => run('{.ports[?(@.port=="53")].name}', ports)).toThrow('incompatible types for comparison');
  });

  it.each([
    ['{.items[*}', 'unterminated array'],
    ['{.kind', 'unclosed action'],
    ['{.items[?(@.a=="b"]}', 'unterminated filter'],
    ['{.items[a]}', 'invalid array index a'],
    ['{%}', "unrecognized character in action: U+0025 '%'"],
    ['{"abc}', 'unterminated quoted string'],
    ['{....a}', 'invalid multiple recursive descent'],
  ])('rejects %s with client-go\'s message', (template, error) => {
    expect(parseTemplate(template)).toEqual({ ok: false, error });
  });

  it.each([
    ['{.items[5]}', 'array index out of bounds: index 5, length 2'],
    ['{.kind[0]}', 'string is not array or slice'],
    ['{.items[0].metadata[0]}', 'map[string]interface {} is not array or slice'],
    ['{end}', 'not in range, nothing to end'],
    ['{foo}', 'unrecognized identifier foo'],
  ])('%s fails while executing: %s', (template, message) => {
    expect(() => run(template)).toThrow(message);
  });

  it('prints Go values: %v for custom columns, %#v for the error report', () => {
    expect(goSprint({ b: [1, 'x'], a: true })).toBe('map[a:true b:[1 x]]');
    expect(goSyntax({ items: [], kind: 'List', n: 3 })).toBe('map[string]interface {}{"items":[]interface {}{}, "kind":"List", "n":3}');
  });
});
