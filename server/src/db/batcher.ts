export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Natural batching ("group commit"): items submitted while `concurrency` batches are already at
 * the database wait and go together in the next one. Nothing waits on a timer — at low load each
 * item is a batch of one and starts at once; under load the batches grow by themselves, so the
 * round trips (and commits) per item fall as the load rises. `run` answers per item; when it
 * throws, every item of that batch fails with its error.
 */
export class Batcher<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<Settled<O>[]>,
    private readonly opts: { maxBatch: number; concurrency: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running++;
      this.run(batch.map((b) => b.item))
        .then(
          (out) => batch.forEach((b, i) => {
            const r = out[i];
            if (r?.ok) b.resolve(r.value);
            else b.reject(r ? r.error : new Error('batch returned no result for an item'));
          }),
          (e: unknown) => batch.forEach((b) => b.reject(e)),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}

export async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
