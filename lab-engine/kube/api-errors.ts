// Errors the simulated API server answers with, carrying the same reason, code and message a real
// API server puts in its Status object, so kubectl can word them exactly as it would.

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Forbidden' | 'BadRequest';

export interface StatusCause {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly reason: StatusReason,
    readonly code: number,
    message: string,
    readonly details: { kind?: string; name?: string; causes?: StatusCause[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `pods "web" not found` (k8s.io/apimachinery errors.NewNotFound). */
export function notFound(resource: string, name: string): ApiError {
  return new ApiError('NotFound', 404, `${resource} "${name}" not found`, { name });
}

/** `pods "web" already exists` (errors.NewAlreadyExists). */
export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError('AlreadyExists', 409, `${resource} "${name}" already exists`, { name });
}

/** `Pod "Web" is invalid: metadata.name: Invalid value: ...` (errors.NewInvalid). */
export function invalid(kind: string, name: string, causes: StatusCause[], group = ''): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  // The message names the group-qualified kind (`Deployment.apps`); details.kind is the bare kind.
  return new ApiError('Invalid', 422, `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${joined}`, { kind, name, causes });
}

export function forbidden(message: string): ApiError {
  return new ApiError('Forbidden', 403, message);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
