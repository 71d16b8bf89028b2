/**
 * What every incoming request goes through before Next reads it: forwarded headers count only from a
 * configured proxy (lib/http/forwarded), and a path segment with malformed percent-encoding is taken
 * literally (lib/http/malformed-path) instead of failing Next's router with a 500. Next's server offers no
 * earlier hook into the raw request than the http server's "request" event, so this wraps that event for
 * every http(s) server of the process (installed once, from instrumentation.ts).
 */
import http from "node:http";
import https from "node:https";
import { trustedProxies } from "@/lib/auth/proxies";
import { dropUntrustedForwarded, proxyList } from "./forwarded";
import { literalMalformedSegments } from "./malformed-path";

const g = globalThis as unknown as { __synopseIncomingFilter?: boolean };

export function installIncomingFilter(): void {
  if (g.__synopseIncomingFilter) return;
  g.__synopseIncomingFilter = true;
  const proxies = proxyList(trustedProxies());
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    Server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        dropUntrustedForwarded(req.headers, req.socket?.remoteAddress, proxies);
        if (req.url) req.url = literalMalformedSegments(req.url);
      }
      return emit.call(this, event, ...args);
    } as typeof Server.prototype.emit;
  }
}
