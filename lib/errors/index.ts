/**
 * Typed errors the UI translates: every failure the server reports is a stable `code` (a key of the
 * "Errors" messages namespace), an HTTP status, and optional details (e.g. the current version of an
 * annotation on a conflict). Never a stack trace.
 */

export const ERROR_STATUS = {
  "malformed-json": 400,
  "invalid-request": 400,
  "empty-selection": 400,
  "selection-too-long": 400,
  "empty-note": 400,
  "note-too-long": 400,
  "too-many-tags": 400,
  "quote-mismatch": 409,
  "unknown-block": 400,
  "invalid-target": 400,
  "invalid-recipient": 400,
  "invalid-parent": 400,
  "invalid-relation": 400,
  "link-to-self": 400,
  "link-end-orphaned": 409,
  "document-not-in-seminar": 403,
  "invalid-invite": 404,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  "unknown-document": 404,
  conflict: 409,
  "precondition-failed": 412,
  "precondition-required": 428,
  "rate-limited": 429,
  "invalid-upload": 422,
  "upload-too-large": 413,
  "slug-taken": 409,
  "preview-expired": 409,
  "body-too-large": 413,
  "upload-too-complex": 422,
  "name-duplicate": 409,
  "invalid-name": 400,
  "invalid-csv": 422,
  internal: 500,
  "database-unavailable": 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }

  toJSON(): { code: ErrorCode } & Record<string, unknown> {
    return { code: this.code, ...(this.details ?? {}) };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A request that failed its zod schema: 400 invalid-request with every issue's path and message. */
export function invalidRequest(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): AppError {
  return new AppError("invalid-request", { issues: issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) });
}
