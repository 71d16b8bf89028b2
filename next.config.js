import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// The Prisma client is provider-specific. A PostgreSQL build (DATABASE_PROVIDER=postgresql at build AND start)
// uses the client in generated/prisma-pg and its own output folder, so it never replaces the SQLite build.
const postgres = process.env.DATABASE_PROVIDER === "postgresql";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The W3C Annotation Protocol requires a container's IRI to end in "/" (/api/w3c/seminars/<id>/), so
  // Next's own redirect to the slashless form is off. The container's route redirects its old slashless
  // IRI itself (lib/http/w3c.ts: a custom redirect here would also match the slash form), and pages drop
  // a final "/" in proxy.ts (lib/http/trailing-slash.ts).
  skipTrailingSlashRedirect: true,
  // Native/server-only packages must not be bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // content/ is read at run time by the server (lib/content/store).
  outputFileTracingIncludes: { "/**": ["./content/documents/**"] },
  ...(postgres ? { distDir: ".next-pg", typescript: { tsconfigPath: "tsconfig.pg.json" }, turbopack: { resolveAlias: { "@/generated/prisma/client": "./generated/prisma-pg/client.ts" } } } : {}),
};

export default withNextIntl(nextConfig);
