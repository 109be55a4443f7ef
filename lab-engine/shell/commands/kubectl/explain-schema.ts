// The shape `kubectl explain` walks: named types (as the OpenAPI v3 components are), each with a
// description and fields. A field names its printed type (kubectl's typeGuess: `string`,
// `[]ServicePort`, `map[string]string`, `IntOrString`...) and, when it leads to another type,
// that type's name. Types Flatnet has no text for are left out of the tables; explain says so
// instead of printing a partial field list.

export interface FieldDoc {
  name: string;
  /** What kubectl prints between < and >. */
  type: string;
  description: string;
  required?: boolean;
  /** The named type the field holds (through an array or not), when there is one. */
  ref?: string;
}

export interface TypeDoc {
  description: string;
  fields: FieldDoc[];
}

export type TypeTable = Readonly<Record<string, TypeDoc>>;

/** Shared by every top-level kind: apiVersion, kind and metadata read the same everywhere. */
export const API_VERSION_FIELD: FieldDoc = {
  name: 'apiVersion',
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};

export const KIND_FIELD: FieldDoc = {
  name: 'kind',
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

export const METADATA_FIELD: FieldDoc = {
  name: 'metadata',
  type: 'ObjectMeta',
  ref: 'ObjectMeta',
  description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};
