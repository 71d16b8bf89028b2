/**
 * `npx tsx bench/heap-diff.ts a.heapsnapshot b.heapsnapshot`: what grew between two heap snapshots (taken by
 * bench/gc-probe.mjs after a forced GC, e.g. BENCH_HEAP_SNAPSHOTS="120,480" with bench/memory.ts), summed by
 * constructor like the summary view of Chrome's DevTools: count and self size per constructor in each, and the
 * largest differences. Self size, not retained size: a growing cache shows as many more of its entries' objects.
 */
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

type Totals = Map<string, { count: number; size: number }>;

function totals(file: string): Totals {
  const s = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = s.snapshot.meta.node_types[0];
  const out: Totals = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]];
    const name =
      type === "object" || type === "native" || type === "closure" ? `${type === "closure" ? "(closure) " : ""}${s.strings[s.nodes[i + nameAt]]}` : `(${type})`;
    const t = out.get(name) ?? { count: 0, size: 0 };
    t.count++;
    t.size += s.nodes[i + sizeAt];
    out.set(name, t);
  }
  return out;
}

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: npx tsx bench/heap-diff.ts before.heapsnapshot after.heapsnapshot");
  process.exit(2);
}
const before = totals(a);
const after = totals(b);
const sum = (t: Totals) => [...t.values()].reduce((s, x) => s + x.size, 0);
console.log(`total self size: ${(sum(before) / 2 ** 20).toFixed(1)} MB → ${(sum(after) / 2 ** 20).toFixed(1)} MB`);
const names = new Set([...before.keys(), ...after.keys()]);
const rows = [...names].map((name) => {
  const x = before.get(name) ?? { count: 0, size: 0 };
  const y = after.get(name) ?? { count: 0, size: 0 };
  return { name, count: y.count - x.count, size: y.size - x.size, before: x, after: y };
});
rows.sort((p, q) => Math.abs(q.size) - Math.abs(p.size));
for (const r of rows.slice(0, Number(process.env.HEAP_DIFF_ROWS ?? 40))) {
  console.log(
    `${(r.size / 2 ** 20).toFixed(2).padStart(9)} MB ${String(r.count).padStart(9)} objects  ${r.name.slice(0, 80)}  (${r.before.count} → ${r.after.count}; ${(r.after.size / 2 ** 20).toFixed(1)} MB)`,
  );
}
