// ConfigMap and Secret manifests to admission requests, decoding as the API server does: values
// must be strings, a Secret's `data` must be standard base64 (Go's "illegal base64 data at input
// byte N"), and `stringData` is merged over `data` after encoding.

import type { ConfigMapRequest, SecretRequest } from '../config-admission';
import { metaOf, strMap, TypeMismatch, type Obj } from './decode';

const stringMap = (v: unknown, field: string) => strMap(v, field, 'map[string]string');

/** Decoding refused before admission, with the decoder's own message. */
export class DecodeRefused extends TypeMismatch {
  constructor(message: string) {
    super('', '', '');
    this.message = message;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Where Go's base64.StdEncoding stops on `text`, or -1 when it decodes. */
export function base64ErrorAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!/[A-Za-z0-9+/=]/.test(c)) return i;
    if (c === '=' && !/^={1,2}$/.test(text.slice(i))) return i;
  }
  if (!BASE64.test(text)) return 0;
  if (text.length % 4 !== 0) return text.length - (text.length % 4);
  return -1;
}

export function configMapRequest(o: Obj, namespace: string): ConfigMapRequest {
  const data = stringMap(o.data, 'ConfigMap.data');
  const binaryData = stringMap(o.binaryData, 'ConfigMap.binaryData');
  return { ...metaOf(o, namespace), ...(data ? { data } : {}), ...(binaryData ? { binaryData } : {}), ...(typeof o.immutable === 'boolean' ? { immutable: o.immutable } : {}) };
}

export function secretRequest(o: Obj, namespace: string): SecretRequest {
  const data = stringMap(o.data, 'Secret.data') ?? {};
  for (const value of Object.values(data)) {
    const at = base64ErrorAt(value);
    if (at >= 0) throw new DecodeRefused(`illegal base64 data at input byte ${at}`);
  }
  for (const [key, value] of Object.entries(stringMap(o.stringData, 'Secret.stringData') ?? {})) data[key] = Buffer.from(value, 'utf8').toString('base64');
  const type = typeof o.type === 'string' ? o.type : undefined;
  return { ...metaOf(o, namespace), data, ...(type ? { type } : {}), ...(typeof o.immutable === 'boolean' ? { immutable: o.immutable } : {}) };
}
