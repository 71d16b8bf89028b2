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
  it("writes what arrives together in one transaction, and what arrives meanwhile in the next", async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.write);
    const first = [group.submit("a"), group.submit("b")];
    await new Promise((r) => setTimeout(r, 1)); // the first transaction is under way
    const later = ["c", "d", "e"].map((x) => group.submit(x));
    expect(await Promise.all([...first, ...later])).toEqual(["saved a", "saved b", "saved c", "saved d", "saved e"]);
    expect(db.transactions).toEqual([
      ["a", "b"],
      ["c", "d", "e"],
    ]);
  });

  it("gives every caller its own result or error: a failing write does not fail its neighbours", async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.write);
    const results = await Promise.allSettled([group.submit("x"), group.submit("bad"), group.submit("y")]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["saved x", "constraint failed", "saved y"]);
    expect(db.committed.sort()).toEqual(["x", "y"]);
    // The failed batch was retried write by write.
    expect(db.transactions).toEqual([["x", "bad", "y"], ["x"], ["bad"], ["y"]]);
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
