/**
 * Playwright globalSetup of the deployment test: the README's production section, step by step, on one
 * machine. Everything an administrator copies comes from deploy/ unchanged but for what is specific to a
 * host (ports, certificate, passwords, the public address); every command is the README's own:
 *   1. the database and its role: deploy/postgresql.sql, run by the superuser of a private PostgreSQL;
 *   2. the settings: deploy/synopse.env, with the CHANGE-ME values and the example address filled in;
 *   3. `npm run db:migrate`, `npm run build` (test-shared.sh already ran it with these settings: reused
 *      when present), `npm run user:create -- … --seminar …` for the first instructor;
 *   4. the instances: deploy/systemd/synopse@.service's ExecStart and WorkingDirectory, %i = the port,
 *      with only the settings file as environment (as systemd gives it);
 *   5. nginx (Debian's package) as a private, non-daemon instance with deploy/nginx/synopse.conf, templated
 *      only in its ports, upstream servers and certificate paths (a self-signed certificate).
 * Ports: DEPLOY_PORTS="<https> <http> <app…>" or random ones below the ephemeral range.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { privatePostgres, randomPort, ROOT, sleep } from "../harness";
import { DEPLOY, parseEnvFile, readDeploy, templateSite, unitCommand } from "./site";

export const INSTRUCTOR = { email: "erika.muster@uni.example", name: "Erika Muster", password: "a long deployment password" };
export const SEMINAR_TITLE = "Quellenkunde im Deployment";
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

function must(cmd: string, args: string[], opts: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return String(r.stdout);
}

/** GET over HTTPS without checking the (self-signed) certificate. */
export function insecureGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, output: () => string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(300);
  }
  throw new Error(`${what} did not come up: ${output()}`);
}

export default async function globalSetup() {
  const [httpsPort, httpPort, ...appPorts] = process.env.DEPLOY_PORTS?.split(/\s+/).map(Number) ?? [randomPort(), randomPort(), randomPort(), randomPort()];
  if (appPorts.length < 2) throw new Error("DEPLOY_PORTS needs an HTTPS port, an HTTP port and at least two app ports");
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-deploy-"));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const pg = privatePostgres(process.env.PGPORT_TEST ? Number(process.env.PGPORT_TEST) : undefined);
  const teardown = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await sleep(500);
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    pg.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // 1. The database and its role.
    const dbPassword = randomBytes(24).toString("hex");
    must("psql", [
      "-X",
      "-q",
      "-h",
      "127.0.0.1",
      "-p",
      String(pg.port),
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-v",
      "ON_ERROR_STOP=1",
      "-v",
      `password=${dbPassword}`,
      "-f",
      path.join(DEPLOY, "postgresql.sql"),
    ]);

    // 2. The settings file, with what the README says to fill in.
    const publicUrl = `https://127.0.0.1:${httpsPort}`;
    const shipped = parseEnvFile(readDeploy("synopse.env"));
    const filled: Record<string, string> = {
      DATABASE_URL: `postgresql://synopse:${dbPassword}@127.0.0.1:${pg.port}/synopse`,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
      BETTER_AUTH_URL: publicUrl,
      SYNOPSE_PUBLIC_URL: publicUrl,
      SYNOPSE_BACKUP_DIR: path.join(dir, "backups"),
    };
    const unfilled = Object.entries(shipped).filter(([k, v]) => /CHANGE-ME|example\.edu/.test(v) && !(k in filled));
    if (unfilled.length) throw new Error(`deploy/synopse.env has placeholders this test does not fill: ${unfilled.map(([k]) => k).join(", ")}`);
    const settings = { ...shipped, ...filled };
    // What systemd gives a service: its EnvironmentFile and a bare PATH; the npm commands get the same.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...settings } as unknown as NodeJS.ProcessEnv;

    // 3. Migrations, build, the first instructor with a seminar.
    must("npm", ["run", "--silent", "db:migrate"], { env });
    if (!existsSync(path.join(ROOT, ".next-pg", "BUILD_ID"))) must("npm", ["run", "--silent", "build"], { env });
    must(
      "npm",
      ["run", "--silent", "user:create", "--", "--email", INSTRUCTOR.email, "--name", INSTRUCTOR.name, "--password-stdin", "--seminar", SEMINAR_TITLE],
      { env, input: INSTRUCTOR.password },
    );

    // 4. The instances, as the systemd unit starts them.
    const unit = readDeploy("systemd/synopse@.service");
    let out = "";
    for (const port of appPorts) {
      const { argv } = unitCommand(unit, port);
      const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout!.on("data", (d) => (out = (out + d).slice(-20_000)));
      child.stderr!.on("data", (d) => (out = (out + d).slice(-20_000)));
      children.push(child);
    }
    for (const port of appPorts) {
      await waitFor(
        `instance on ${port}`,
        async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200,
        () => out,
      );
    }

    // 5. nginx with the site an administrator copies.
    const certificate = path.join(dir, "cert.pem");
    const key = path.join(dir, "key.pem");
    must(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        certificate,
      ],
      { stdio: "pipe" },
    );
    writeFileSync(
      path.join(dir, "synopse.conf"),
      templateSite(readDeploy("nginx/synopse.conf"), { httpPort, httpsPort, upstreamPorts: appPorts, certificate, key }),
    );
    for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, "tmp", t), { recursive: true });
    writeFileSync(
      path.join(dir, "nginx.conf"),
      [
        // A private instance of Debian's nginx: in the foreground, its files in this folder.
        "daemon off;",
        process.getuid?.() === 0 ? "user root;" : "",
        "worker_processes 1;",
        `pid ${dir}/nginx.pid;`,
        "error_log stderr warn;",
        "events { worker_connections 512; }",
        "http {",
        "  include /etc/nginx/mime.types;",
        "  access_log off;",
        ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t === "body" ? "client_body" : t}_temp_path ${dir}/tmp/${t};`),
        `  include ${dir}/synopse.conf;`,
        "}",
      ].join("\n"),
    );
    must(NGINX, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", "stderr"]);
    let nginxOut = "";
    const nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", "stderr"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stderr!.on("data", (d) => (nginxOut = (nginxOut + d).slice(-10_000)));
    children.push(nginx);
    await waitFor(
      "nginx",
      async () => (await insecureGet(`${publicUrl}/api/health/ready`)).status === 200,
      () => nginxOut + out,
      30_000,
    );

    process.env.DEPLOY_BASE = publicUrl;
    process.env.DEPLOY_HTTP = `http://127.0.0.1:${httpPort}`;
    process.env.DEPLOY_APPS = appPorts.map((p) => `http://127.0.0.1:${p}`).join(" ");
    return teardown;
  } catch (e) {
    await teardown();
    throw e;
  }
}
