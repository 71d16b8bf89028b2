import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness (lib/health/readiness): 200 when this instance can serve, else 503 with the failing checks. */
export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store", ...(r.ready ? {} : { "retry-after": "5" }) } });
}
