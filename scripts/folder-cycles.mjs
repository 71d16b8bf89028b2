// Reads dependency-cruiser's JSON collapsed to lib/'s modules (scripts/depcheck.sh) and fails when two or
// more of them reach each other: a module under lib/ may not import one that imports it back, even through
// others. Prints each cycle and one import that closes it.
import { readFileSync } from "node:fs";

const result = JSON.parse(readFileSync(0, "utf8"));
const top = (source) => (source.match(/^lib\/[^/]+/) ?? [null])[0]?.replace(/\.tsx?$/, "") ?? null;
const edges = new Map();
for (const m of result.modules) {
  const from = top(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = top(d.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length > 1) cycles.push(component.sort());
}
for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);

if (cycles.length === 0) {
  console.log(`no cycles between lib/ modules (${edges.size} modules with imports)`);
  process.exit(0);
}
for (const c of cycles) {
  const inside = new Set(c);
  const links = c.flatMap((a) => [...(edges.get(a) ?? [])].filter((b) => inside.has(b)).map((b) => `${a} → ${b}`));
  console.error(`error lib-folder-cycle: ${c.join(", ")} reach each other (${links.join("; ")})`);
}
console.error("Move what they share down into the lower module (or a small shared one), or announce the write (lib/events).");
process.exit(1);
