/** A problem in a content file. `message` reads `file:line: reason` (line 1-based; problems with the file as a whole point at line 1). */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "ContentError";
  }
}
