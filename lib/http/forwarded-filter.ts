/**
 * Every incoming request passes lib/http/forwarded before Next reads it: forwarded headers count only from a
 * configured proxy. Next's server offers no earlier hook into the raw request than the http server's
 * "request" event, so this wraps that event for every http(s) server of the process (called once, from
 * instrumentation.ts).
 */
import http from "node:http";
import https from "node:https";
import { trustedProxies } from "@/lib/auth/proxies";
import { dropUntrustedForwarded, proxyList } from "./forwarded";

const g = globalThis as unknown as { __synopseForwardedFilter?: boolean };

export function installForwardedFilter(): void {
  if (g.__synopseForwardedFilter) return;
  g.__synopseForwardedFilter = true;
  const proxies = proxyList(trustedProxies());
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    Server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        dropUntrustedForwarded(req.headers, req.socket?.remoteAddress, proxies);
      }
      return emit.call(this, event, ...args);
    } as typeof Server.prototype.emit;
  }
}
