import { cache } from "react";
import { headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/server";

/**
 * The signed-in user of the request being rendered, looked up once however many server components ask
 * (the page, its metadata, the site header). React's cache() lasts one server render; outside a render (server
 * actions, route handlers) every call looks the session up afresh, so a sign-in or sign-out is seen at once.
 */
export const requestUser = cache(async () => getSessionUser(await headers()));
