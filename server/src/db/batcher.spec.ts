import { Batcher, settle, type Settled } from './batcher.js';

describe('Batcher', () => {
  it('starts the first item at once and groups what arrives while batches are running', async () => {
    const batches: number[][] = [];
    const gates: (() => void)[] = [];
    const b = new Batcher<number, number>(async (items) => {
      batches.push(items);
      await new Promise<void>((r) => gates.push(r));
      return items.map((i): Settled<number> => (i === 13 ? { ok: false, error: new Error('unlucky') } : { ok: true, value: i * 10 }));
    }, { maxBatch: 3, concurrency: 1 });
    const results = [1, 2, 3, 4, 13, 6].map((i) => settle(b.submit(i)));
    await Promise.resolve();
    expect(batches).toEqual([[1]]);
    while (batches.length < 3) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    gates.shift()?.();
    const out = await Promise.all(results);
    expect(batches).toEqual([[1], [2, 3, 4], [13, 6]]);
    expect(out.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([10, 20, 30, 40, 'unlucky', 60]);
  });

  it('fails every item of a batch whose run throws, and keeps serving', async () => {
    let calls = 0;
    const b = new Batcher<number, number>(async (items) => {
      if (calls++ === 0) throw new Error('database away');
      return items.map((i) => ({ ok: true as const, value: i }));
    }, { maxBatch: 10, concurrency: 2 });
    const first = await settle(b.submit(1));
    expect(first.ok).toBe(false);
    expect(await b.submit(2)).toBe(2);
  });
});
