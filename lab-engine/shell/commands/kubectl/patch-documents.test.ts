// The three patch formats on small documents: RFC 7386 merge (null deletes, lists replaced),
// strategic merge (lists merged by their patch merge key, $patch: delete), RFC 6902 JSON patch
// (the RFC's own examples for add/remove/replace/move/copy/test).

import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch, type Json } from './patch-documents';

const pod: Json = { spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'busybox' }] } };

describe('patch formats', () => {
  it('merge patch: maps merge, null deletes, lists are replaced whole', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({ a: 'z', c: { d: 'e' } });
    expect(mergePatch(pod, { spec: { containers: [{ name: 'a', image: 'httpd' }] } })).toEqual({ spec: { containers: [{ name: 'a', image: 'httpd' }] } });
  });

  it('strategic merge: containers merge by name, ports by containerPort, $patch: delete removes', () => {
    expect(strategicMergePatch(pod, { spec: { containers: [{ name: 'a', image: 'httpd' }] } })).toEqual({ spec: { containers: [{ name: 'a', image: 'httpd', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'busybox' }] } });
    expect(strategicMergePatch(pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 443 }] }] } })).toEqual({ spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443 }] }, { name: 'b', image: 'busybox' }] } });
    expect(strategicMergePatch(pod, { spec: { containers: [{ name: 'b', $patch: 'delete' }] } })).toEqual({ spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    const svc: Json = { spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    expect(strategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } })).toEqual({ spec: { ports: [{ port: 80, targetPort: 9090 }] } });
  });

  it('JSON patch: the RFC 6902 operations', () => {
    expect(jsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).toEqual({ foo: 'bar', baz: 'qux' });
    expect(jsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }])).toEqual({ foo: ['bar', 'qux', 'baz'] });
    expect(jsonPatch({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: 'end' }])).toEqual({ foo: ['bar', 'end'] });
    expect(jsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }])).toEqual({ foo: 'bar' });
    expect(jsonPatch({ baz: 'qux' }, [{ op: 'replace', path: '/baz', value: 'boo' }])).toEqual({ baz: 'boo' });
    expect(jsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }])).toEqual({ foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } });
    expect(jsonPatch({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }])).toEqual({ a: { b: 1 }, c: { b: 1 } });
    expect(() => jsonPatch({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }])).toThrow(PatchError);
    expect(() => jsonPatch({ a: 1 }, [{ op: 'remove', path: '/nope' }])).toThrow('remove operation does not apply: doc is missing path: "/nope": missing value');
    expect(() => jsonPatch({ a: 1 }, { op: 'add' })).toThrow('cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
});
