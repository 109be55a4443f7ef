// Objects of a namespaced resource as the store lists them: the type says every one carries its namespace.

export function namespaced<T extends { metadata: { namespace?: string } }>(objects: T[]): (T & { metadata: { namespace: string } })[] {
  return objects.filter((o): o is T & { metadata: { namespace: string } } => o.metadata.namespace !== undefined);
}
