/**
 * The Next.js floor for the reader benchmark: builds and starts bench/floor, a minimal Next app with no app
 * code, which serves the reader's pane HTML three ways (an empty page, the HTML rendered per request, the
 * HTML from Next's page cache). Measured in the same run as the reader, it shows how much of the reader's
 * cost is Next's own and how much is Synopse's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomPort } from "@/system/harness";

const FLOOR_DIR = fileURLToPath(new URL("./floor", import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const p = spawn("npx", args, { cwd: FLOOR_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
    p.stdout.on("data", (d) => (output += d));
    p.stderr.on("data", (d) => (output += d));
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`floor: npx ${args.join(" ")} exited ${code}\n${output.slice(-2000)}`))));
  });
}

export interface FloorServer {
  base: string;
  stop(): void;
}

/** Build the floor app (a few seconds) and serve `html` from it on a random port. */
export async function startFloor(html: string, tmpDir: string): Promise<FloorServer> {
  const htmlFile = path.join(tmpDir, "floor.html");
  fs.writeFileSync(htmlFile, html);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FLOOR_HTML_FILE: htmlFile, NODE_ENV: "production" };
  await run(["next", "build"], env);
  const port = randomPort();
  const server: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: FLOOR_DIR, env, stdio: "ignore", detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(`${base}/empty`)).ok) return { base, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error("floor: the Next server did not start");
}

/** The page a reader sees, without its scripts: what the floor renders as one HTML string. */
export function visibleBody(html: string): string {
  const open = html.indexOf("<body");
  const start = open < 0 ? 0 : html.indexOf(">", open) + 1;
  const end = html.lastIndexOf("</body>");
  return html.slice(start, end < 0 ? undefined : end).replace(/<script\b[\s\S]*?<\/script>/g, "");
}
