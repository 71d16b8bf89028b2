import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A fake database: records each transaction's writes; a write of "bad" makes its transaction fail. */
function fakeDatabase(delayMs = 5) {
  const transactions: string[][] = [];
  const committed: string[] = [];
  const write = async (items: string[]) => {
    transactions.push([...items]);
    await new Promise((r) => setTimeout(r, delayMs));
    if (items.includes("bad")) throw new Error("constraint failed");
    committed.push(...items);
    return items.map((i) => `saved ${i}`);
  };
  return { transactions, committed, write };
}

describe("GroupCommit", () => {
  it("writes alone when nothing else is in flight, and together what arrives meanwhile", async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.write);
    const first = group.submit("a");
    const rest = ["b", "c", "d"].map((x) => group.submit(x));
    expect(await Promise.all([first, ...rest])).toEqual(["saved a", "saved b", "saved c", "saved d"]);
    expect(db.transactions).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("gives every caller its own result or error: a failing write does not fail its neighbours", async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.write);
    const started = group.submit("first");
    const results = await Promise.allSettled([started, group.submit("x"), group.submit("bad"), group.submit("y")]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["saved first", "saved x", "constraint failed", "saved y"]);
    expect(db.committed.sort()).toEqual(["first", "x", "y"]);
    // The failed batch was retried write by write.
    expect(db.transactions).toContainEqual(["x", "bad", "y"]);
    expect(db.transactions.slice(-3)).toEqual([["x"], ["bad"], ["y"]]);
  });

  it("keeps working after a failure and bounds the size of a batch", async () => {
    const db = fakeDatabase(1);
    const group = new GroupCommit(db.write, 3);
    await expect(group.submit("bad")).rejects.toThrow("constraint failed");
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => group.submit(`n${i}`)));
    expect(all).toHaveLength(8);
    expect(Math.max(...db.transactions.map((t) => t.length))).toBeLessThanOrEqual(3);
    expect(db.committed).toEqual(Array.from({ length: 8 }, (_, i) => `n${i}`));
  });
});
