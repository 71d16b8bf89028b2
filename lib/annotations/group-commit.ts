/**
 * Group commit: writes that arrive while the previous batch is being written wait for it and then go to
 * the database together, in one transaction. Under load that turns fifty small transactions — each with
 * its own BEGIN, statements, COMMIT and disk sync, one after another on SQLite's single writer — into one
 * with a few multi-row statements. A write arriving when nothing is in flight starts after one turn of the
 * event loop (no timer: no measurable latency when the server is quiet).
 *
 * Every caller still gets its own result or its own error. If a batch fails, its writes are retried one by
 * one, each in its own transaction, so a write that cannot succeed (a vanished seminar, a constraint) fails
 * alone and its neighbours are saved. Callers give each write its identity (ids) before submitting, so a
 * retry can never write anything twice.
 *
 * Hand-written: it is a queue and a loop; the point is the contract above, which is tested.
 */
export type BatchWriter<Item, Result> = (items: Item[]) => Promise<Result[]>;

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<Item, Result> {
  private queue: Array<Pending<Item, Result>> = [];
  private writing = false;

  constructor(
    private readonly write: BatchWriter<Item, Result>,
    /** Most writes per transaction (bounds statement size and how long one batch holds the writer). */
    private readonly maxBatch = 64,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        // Let the requests whose data has already arrived run up to their own submit first. Without this
        // turn of the event loop a batch would run in the same task as the request that started it: with
        // SQLite's synchronous driver the whole transaction then completes before any other request
        // moves, and every batch holds exactly one write.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.flush(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.writing = false;
    }
  }

  private async flush(batch: Array<Pending<Item, Result>>): Promise<void> {
    let results: Result[];
    try {
      results = await this.write(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} writes`);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const p of batch) {
        try {
          const [result] = await this.write([p.item]);
          p.resolve(result);
        } catch (alone) {
          p.reject(alone);
        }
      }
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }
}
