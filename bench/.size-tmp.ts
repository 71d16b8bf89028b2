import { Member } from "@/system/harness";
const base = process.argv[2];
const url = base + "/en/read?p=forum-separatfrieden-1941-43,mastny-separate-peace,bayerlein-winogradow-treffen";
const { cookie } = await Member.signIn(base, "student1@synopse.test");
const res = await fetch(url, { headers: { cookie } });
const reader = res.body!.getReader();
const t0 = performance.now();
let html = "";
const dec = new TextDecoder();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  const chunk = dec.decode(value, { stream: true });
  console.log(`chunk at ${(performance.now() - t0).toFixed(1)} ms: ${chunk.length} chars; text? ${chunk.includes("data-pane-scroller")}; heat? ${chunk.includes("heat-strip")}; notes? ${chunk.includes("lastEventId")}; suspense markers: ${(chunk.match(/<!--\$\?-->|<template id="B:|\$RC/g) ?? []).length}`);
  html += chunk;
}
console.log("text before notes:", html.indexOf("data-pane-scroller") < html.indexOf("lastEventId"));
