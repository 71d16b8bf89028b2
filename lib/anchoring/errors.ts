/** Typed failures of describe()/describeRange(): the UI maps `code` to a translated message. */
export type AnchoringErrorCode = "empty-selection" | "unknown-block" | "out-of-range";

export class AnchoringError extends Error {
  readonly code: AnchoringErrorCode;

  constructor(code: AnchoringErrorCode, message: string) {
    super(message);
    this.name = "AnchoringError";
    this.code = code;
  }
}

export function isAnchoringError(e: unknown): e is AnchoringError {
  return e instanceof AnchoringError;
}
