import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/server";
import { BODY_LIMITS, cappedRequest } from "@/lib/http/body";
import { handle } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** better-auth reads the body itself: it gets the request with its body already read under the account forms' cap. */
const handler = handle(async (request: Request) => auth().handler(await cappedRequest(request, BODY_LIMITS.auth)));
export const { GET, POST } = toNextJsHandler(handler);
