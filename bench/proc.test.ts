import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listeningPid, processCpuMs } from "./proc";

const linux = process.platform === "linux";

describe.runIf(linux)("server CPU from /proc", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it("finds the process listening on a port, and none on a closed one", () => {
    expect(listeningPid(port)).toBe(process.pid);
    server.close();
    expect(listeningPid(port)).toBeNull();
  });

  it("counts the CPU a process spends, in milliseconds", () => {
    const before = processCpuMs(process.pid);
    const until = performance.now() + 120;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    const spent = processCpuMs(process.pid) - before;
    expect(x).toBeGreaterThan(0);
    // 120 ms of busy loop, measured in clock ticks of 10 ms.
    expect(spent).toBeGreaterThanOrEqual(90);
    expect(spent).toBeLessThan(1000);
  });
});
