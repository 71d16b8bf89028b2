/**
 * The attack of issue 14, replayed against the built app (one `next start` on a fresh SQLite database, rate
 * limits on as in production): authorization attempts and how many leaked, script-injection payloads in the
 * Markdown export and how many would run, malformed requests and how many got a 5xx. Also runs the fuzz test
 * (app/api/fuzz.test.ts: every route handler and every server action) and reports its counts.
 *
 *   npx tsx bench/security.ts            (needs `npx next build`; writes its section of bench/RESULTS.md)
 *   SECURITY_BENCH_FUZZ=off …            skips the vitest fuzz run (a few minutes on two cores)
 *
 * Also part of `npm run bench`. A "leak" is any answer other than the refusal the rules prescribe.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { micromark } from "micromark";
import { executableHtml, XSS_PAYLOADS } from "@/lib/annotations/testing/xss-payloads";
import { DEMO_PASSWORD, Member, migratedSqlite, randomPort, ROOT, seed, startApp } from "@/system/harness";

type Row = { name: string; value: number; unit: string };

interface Attempt {
  what: string;
  leaked: boolean;
}

const MARKDOWN_TAGS = ["h1", "h2", "h3", "p", "ul", "li", "blockquote", "strong", "em", "code", "br"];

export async function benchSecurity(): Promise<{ rows: Row[]; notes: string[] }> {
  const file = path.join(os.tmpdir(), `synopse-security-${process.pid}.db`);
  migratedSqlite(file);
  seed("sqlite", `file:${file}`);
  const app = await startApp("sqlite", `file:${file}`, Number(process.env.SECURITY_BENCH_PORT ?? randomPort()), { SYNOPSE_RATE_LIMIT: "on" });
  const base = app.base;
  const attempts: Attempt[] = [];
  const fuzz = { requests: 0, errors: 0, failures: [] as string[] };
  let xss = { tried: 0, executed: 0, examples: [] as string[] };
  const rotated = { sent: 0, reachedPassword: 0 };
  const check = (what: string, ok: boolean) => attempts.push({ what, leaked: !ok });
  const progress = (step: string) => process.stderr.write(`[security] ${step}\n`);
  try {
    // --- people: the seeded instructor and a stranger who signs up (2 of the 5 sign-ins a minute per address)
    const instructor = await Member.signIn(base, "instructor@synopse.test", DEMO_PASSWORD);
    const stranger = await Member.signUp(base, "<img src=x onerror=alert(1)>", `stranger-${Date.now()}@synopse.test`, "a stranger's passphrase");
    const { seminars } = await instructor.json<{ seminars: Array<{ id: string }> }>("/api/seminars");
    const demo = seminars[0].id;

    // --- an upload that belongs to the demo seminar
    const text = `---\ntitle: Geheime Notiz\nlang: de\nkind: essay\nsource: Bench\n---\n\nNur für dieses Seminar bestimmt: Treffpunkt Stockholm.\n`;
    const preview = await instructor.json<{ token: string }>(`/api/seminars/${demo}/uploads?name=notiz.md`, {
      method: "POST",
      body: text,
      headers: { "content-type": "text/markdown" },
    });
    const { slug } = await instructor.json<{ slug: string }>(`/api/seminars/${demo}/uploads/publish`, {
      method: "POST",
      body: JSON.stringify({ token: preview.token }),
    });

    progress("item 1");
    // --- item 1: another seminar's upload cannot be attached, read, or even confirmed to exist
    const own = await stranger.json<{ id: string }>("/api/seminars", { method: "POST", body: JSON.stringify({ title: "Mine", documents: [] }) });
    const answer = async (res: Response, name: string) => `${res.status} ${(await res.text()).replaceAll(name, "<slug>")}`;
    const putForeign = await answer(
      await stranger.fetch(`/api/seminars/${own.id}/documents`, { method: "PUT", body: JSON.stringify({ documents: [slug] }) }),
      slug,
    );
    const putUnknown = await answer(
      await stranger.fetch(`/api/seminars/${own.id}/documents`, { method: "PUT", body: JSON.stringify({ documents: ["no-such-text"] }) }),
      "no-such-text",
    );
    check("PUT own seminar's documents with another seminar's upload: refused", putForeign.startsWith("404"));
    check("…and answered exactly like an unknown slug", putForeign === putUnknown);
    const postForeign = await answer(await stranger.fetch("/api/seminars", { method: "POST", body: JSON.stringify({ title: "T", documents: [slug] }) }), slug);
    const postUnknown = await answer(
      await stranger.fetch("/api/seminars", { method: "POST", body: JSON.stringify({ title: "T", documents: ["no-such-text"] }) }),
      "no-such-text",
    );
    check("POST /api/seminars with another seminar's upload: refused", postForeign.startsWith("404"));
    check("…and answered exactly like an unknown slug", postForeign === postUnknown);
    const windowRes = await stranger.fetch(`/api/documents/${slug}/window`);
    check("the upload's text through /api/documents/<slug>/window", windowRes.status === 404 && !(await windowRes.text()).includes("Stockholm"));
    const readerRes = await stranger.fetch(`/en/read?p=${slug}`);
    check("the upload's text through the reader page", !(await readerRes.text()).includes("Stockholm"));

    // --- the rules that held before: still refused
    const refusals: Array<[string, Member | null, string, RequestInit, number]> = [
      ["a stranger lists the seminar's notes", stranger, `/api/seminars/${demo}/annotations`, {}, 404],
      ["a stranger exports the seminar", stranger, `/api/seminars/${demo}/export?format=md`, {}, 404],
      ["a stranger opens the seminar's live stream", stranger, `/api/seminars/${demo}/events`, {}, 404],
      ["a stranger reads the W3C container", stranger, `/api/w3c/seminars/${demo}`, {}, 404],
      ["a stranger writes a note in the seminar", stranger, `/api/seminars/${demo}/annotations`, { method: "POST", body: "{}" }, 404],
      ["a stranger reads the seminar's overview", stranger, `/api/seminars/${demo}/overview`, {}, 404],
      ["nobody signed in lists the notes", null, `/api/seminars/${demo}/annotations`, {}, 401],
    ];
    for (const [what, who, url, init, status] of refusals) {
      const res = who ? await who.fetch(url, init) : await fetch(base + url, init);
      check(what, res.status === status);
      await res.body?.cancel();
    }

    progress("item 15");
    // --- item 15: cookie writes from anywhere but the site's own pages
    const note = JSON.stringify({ target: { documentSlug: "mastny-separate-peace", blockId: "p1", blockStart: 0, blockEnd: 5 }, body: "<p>x</p>" });
    const forged: Array<[string, Record<string, string>]> = [
      ["no Origin", {}],
      ["an https Origin against the http site", { origin: base.replace("http:", "https:") }],
      ["another site's Origin", { origin: "https://evil.example" }],
      ["another site behind a forged X-Forwarded-Host", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ];
    for (const [what, headers] of forged) {
      const res = await fetch(`${base}/api/seminars/${demo}/annotations`, {
        method: "POST",
        body: note,
        headers: { cookie: instructor.cookie, "content-type": "application/json", ...headers },
      });
      check(`a cookie write with ${what}`, res.status === 403);
      const action = await fetch(`${base}/en/seminars`, {
        method: "POST",
        body: "title=Forged",
        headers: { cookie: instructor.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
      });
      check(`a form post (server action) with ${what}`, action.status === 403);
    }

    progress("item 10");
    // --- item 10: where a crafted sign-in or sign-up link sends the browser afterwards
    for (const next of ["/%09/evil.example/phish", "//evil.example", "/%5Cevil.example", "https://evil.example/", "/%0A/evil.example", "%2F%2Fevil.example"]) {
      for (const page of ["sign-in", "sign-up"]) {
        const html = await (await fetch(`${base}/en/${page}?next=${next}`)).text();
        const carried = /name="next" value="([^"]*)"/.exec(html)?.[1] ?? "";
        check(`${page}?next=${next} carries no other host`, !/evil\.example/.test(carried));
      }
    }

    // --- item 12: does sign-up tell which addresses have accounts?
    const signUp = async (email: string) => {
      const res = await fetch(`${base}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ name: "Probe", email, password: "a probing passphrase" }),
      });
      const body = (await res.json()) as { user?: Record<string, unknown>; token?: unknown };
      return JSON.stringify({
        status: res.status,
        token: body.token ?? null,
        keys: Object.keys(body.user ?? body).sort(),
        cookie: res.headers.getSetCookie().length,
      });
    };
    check(
      "sign-up for a registered address answers like one for a new address",
      (await signUp("instructor@synopse.test")) === (await signUp(`new-${Date.now()}@synopse.test`)),
    );

    // --- item 16: opening the notifications page changes nothing
    const unread = async () => (await instructor.json<{ unread: number }>("/api/notifications")).unread;
    await stranger.fetch(`/api/join/separatfrieden-demo`, { method: "POST" });
    await stranger.fetch(`/api/seminars/${demo}/annotations`, {
      method: "POST",
      body: JSON.stringify({
        target: { documentSlug: "mastny-separate-peace", blockId: "p1", blockStart: 0, blockEnd: 5 },
        body: "<p>@Irene Lehmann hello</p>",
      }),
    });
    const before = await unread().catch(() => -1);
    await (await instructor.fetch("/en/notifications")).text();
    check("GET /en/notifications leaves notifications unread", before > 0 && before === (await unread().catch(() => -2)));

    // --- item 11: wrong passwords with a new X-Forwarded-For each (the limit is 5 a minute per address)
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base, "x-forwarded-for": `203.0.113.${i + 1}` },
        body: JSON.stringify({ email: "student2@synopse.test", password: `guess-${i}` }),
      });
      rotated.sent++;
      if (res.status !== 429) rotated.reachedPassword++;
    }
    check("wrong passwords with a rotated X-Forwarded-For stay within the per-address limit (5 a minute)", rotated.reachedPassword <= 5);

    progress("item 13");
    // --- item 13: script injection through the Markdown export
    xss = await markdownInjection(stranger);

    progress("item 9");
    // --- item 9: malformed requests
    const malformed = ["%", "%E0%A4%A", "%ZZ", "%ED%A0%80", "a%FFb"];
    const dynamic = [
      "/api/seminars/[x]",
      "/api/seminars/[x]/annotations",
      "/api/seminars/[x]/documents",
      "/api/seminars/[x]/events",
      "/api/seminars/[x]/export",
      "/api/seminars/[x]/links",
      "/api/seminars/[x]/overview",
      "/api/seminars/[x]/tags",
      "/api/seminars/[x]/invite",
      "/api/seminars/[x]/uploads/publish",
      "/api/annotations/[x]",
      "/api/annotations/[x]/hide",
      "/api/documents/[x]/window",
      "/api/join/[x]",
      "/api/w3c/seminars/[x]",
      `/api/w3c/seminars/${demo}/[x]`,
      "/en/seminars/[x]",
      "/en/seminars/[x]/settings",
      "/en/seminars/[x]/glossary",
      "/en/seminars/[x]/links",
      "/en/seminars/[x]/overview",
      "/en/seminars/[x]/upload",
      "/en/join/[x]",
      "/en/[x]",
    ];
    const send = async (what: string, url: string, init: RequestInit = {}) => {
      const res = await instructor.fetch(url, init).catch(() => null);
      fuzz.requests++;
      if (!res || res.status >= 500) {
        fuzz.errors++;
        fuzz.failures.push(`${what} → ${res?.status ?? "no answer"}`);
      }
      await res?.body?.cancel().catch(() => {});
    };
    for (const route of dynamic) {
      for (const bad of malformed) {
        await send(`GET ${route} with ${bad}`, route.replace("[x]", bad));
        if (route.startsWith("/api/")) await send(`POST ${route} with ${bad}`, route.replace("[x]", bad), { method: "POST", body: "{}" });
      }
    }
    const surrogates = ['{"title":"\\ud800"}', '{"title":"x\\udfff"}', '{"\\ud800":"x"}', '{"documents":["\\ud83d"]}'];
    for (const body of surrogates) {
      await send(`POST /api/seminars ${body}`, "/api/seminars", { method: "POST", body });
      await send(`POST publish ${body}`, `/api/seminars/${demo}/uploads/publish`, { method: "POST", body: body.replace("title", "token") });
      await send(`PATCH seminar ${body}`, `/api/seminars/${demo}`, { method: "PATCH", body });
      await send(`POST note ${body}`, `/api/seminars/${demo}/annotations`, { method: "POST", body: body.replace("title", "body") });
      await send(`PUT tags ${body}`, `/api/seminars/${demo}/tags`, { method: "PUT", body });
    }
    for (const next of ["%0A", "/%0D%0ALocation:%20//evil.example", "/x%00", "%E0%A4%A", "/%ED%A0%80"]) {
      await send(`sign-in?next=${next}`, `/en/sign-in?next=${next}`);
      await send(`sign-up?next=${next}`, `/en/sign-up?next=${next}`);
    }
  } finally {
    await app.kill();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }

  const tally = process.env.SECURITY_BENCH_FUZZ === "off" ? null : fuzzTally();
  const leaks = attempts.filter((a) => a.leaked);
  const rows: Row[] = [
    { name: "Authorization attempts (leaks of issue 14 and the rules that held)", value: attempts.length, unit: "requests" },
    { name: "Leaks (an answer other than the prescribed refusal)", value: leaks.length, unit: "requests" },
    { name: "Wrong passwords sent with a rotated X-Forwarded-For", value: rotated.sent, unit: "requests" },
    { name: "…of them reaching the password check (per-address limit: 5 a minute)", value: rotated.reachedPassword, unit: "requests" },
    { name: "Script-injection payloads in the Markdown export (name, title, tags, note)", value: xss.tried, unit: "payloads" },
    { name: "…that would run in a viewer passing raw HTML through", value: xss.executed, unit: "payloads" },
    { name: "Malformed HTTP requests to the running app (path encoding, lone surrogates, next)", value: fuzz.requests, unit: "requests" },
    { name: "…answered with a 5xx", value: fuzz.errors, unit: "requests" },
  ];
  if (tally) {
    rows.push(
      { name: "Fuzz test: random requests to every route handler", value: tally.routeRequests, unit: "requests" },
      { name: "…answered with a 5xx", value: tally.route5xx, unit: "requests" },
      { name: "Fuzz test: random calls of every server action", value: tally.actionCalls, unit: "calls" },
      { name: "…ending in a 500 or a redirect off the site", value: tally.action5xx, unit: "calls" },
    );
  }
  const notes = [
    "Command: `npx next build && npx tsx bench/security.ts` (also part of `npm run bench`); a fresh SQLite database, seeded, rate limits on.",
    "Attempts: another seminar's upload attached, read or probed (item 1); a stranger and an anonymous visitor against the seminar's notes, export, stream, W3C container and overview; cookie writes and form posts without a matching Origin (item 15); crafted `next` links on sign-in and sign-up (item 10); sign-up for a registered address (item 12); GET /en/notifications (item 16); the rotated X-Forwarded-For (item 11).",
    `Injection payloads: lib/annotations/testing/xss-payloads.ts (${XSS_PAYLOADS.length}), each as a seminar's title, a note's text and tag, by a member whose display name is itself a payload; the .md export rendered by micromark with allowDangerousHtml and allowDangerousProtocol.`,
    ...(tally
      ? ["Fuzz test: `npx vitest run app/api/fuzz.test.ts` (FUZZ_RUNS=100 per route, 50 per action), its `[fuzz-tally]` line."]
      : ["Fuzz test skipped (SECURITY_BENCH_FUZZ=off)."]),
    ...leaks.map((l) => `LEAK: ${l.what}`),
    ...fuzz.failures.slice(0, 10).map((f) => `5xx: ${f}`),
    ...xss.examples.slice(0, 5).map((x) => `ran: ${x}`),
  ];
  return { rows, notes };
}

/** Each payload as a seminar's title and a note's text and tag, exported as Markdown and rendered with raw HTML on. */
async function markdownInjection(author: Member): Promise<{ tried: number; executed: number; examples: string[] }> {
  let executed = 0;
  const examples: string[] = [];
  for (const payload of XSS_PAYLOADS) {
    const seminar = await author.json<{ id: string }>("/api/seminars", {
      method: "POST",
      body: JSON.stringify({ title: payload.slice(0, 200), documents: ["mastny-separate-peace"] }),
    });
    await author.fetch(`/api/seminars/${seminar.id}/annotations`, {
      method: "POST",
      body: JSON.stringify({
        target: { documentSlug: "mastny-separate-peace", blockId: "p1", blockStart: 0, blockEnd: 5 },
        body: payload,
        tags: [payload.slice(0, 40)],
      }),
    });
    const md = await (await author.fetch(`/api/seminars/${seminar.id}/export?format=md`)).text();
    const found = executableHtml(micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true }), MARKDOWN_TAGS);
    if (found) {
      executed++;
      examples.push(`${JSON.stringify(payload)} → ${found}`);
    }
  }
  return { tried: XSS_PAYLOADS.length, executed, examples };
}

/** Runs the fuzz test and reads the counts it prints. */
function fuzzTally(): { routeRequests: number; route5xx: number; actionCalls: number; action5xx: number } | null {
  const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "vitest"), ["run", "app/api/fuzz.test.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = /\[fuzz-tally\] (\{.*\})/.exec(`${r.stdout}\n${r.stderr}`)?.[1];
  return line ? JSON.parse(line) : null;
}

/** Standalone: replace (or add) this section in bench/RESULTS.md. */
async function main() {
  const title = "Security: issue 14's attack replayed";
  const { rows, notes } = await benchSecurity();
  const section = [
    `## ${title}`,
    "",
    "| measure | value | unit |",
    "| --- | ---: | --- |",
    ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.unit} |`),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  const file = path.join(ROOT, "bench", "RESULTS.md");
  const current = readFileSync(file, "utf8");
  const start = current.indexOf(`## ${title}`);
  const end = start === -1 ? -1 : current.indexOf("\n## ", start + 3);
  const next = start === -1 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, start)}${section}${end === -1 ? "" : current.slice(end + 1)}`;
  writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
  console.log(section);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "bench", "security.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
