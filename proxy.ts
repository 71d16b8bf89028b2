import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "./i18n/routing";
import { pageSlashRedirect } from "./lib/http/trailing-slash";

const intl = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const moved = pageSlashRedirect(request.nextUrl);
  if (moved) return NextResponse.redirect(moved, 308);
  return intl(request);
}

export const config = {
  // Everything but API routes, Next internals and files with an extension.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
