import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// The Prisma client is provider-specific. A PostgreSQL build (DATABASE_PROVIDER=postgresql at build AND start)
// uses the client in generated/prisma-pg and its own output folder, so it never replaces the SQLite build.
const postgres = process.env.DATABASE_PROVIDER === "postgresql";

// Sent with every response. proxy.ts adds the pages' Content-Security-Policy with its nonce, and HSTS over
// https (lib/http/security-headers.ts); API answers are data, so their policy allows nothing at all.
// Referrer-Policy same-origin: reader and seminar addresses carry private ids; other sites learn nothing.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The W3C Annotation Protocol requires a container's IRI to end in "/" (/api/w3c/seminars/<id>/), so
  // Next's own redirect to the slashless form is off. The container's route redirects its old slashless
  // IRI itself (lib/http/w3c.ts: a custom redirect here would also match the slash form), and pages drop
  // a final "/" in proxy.ts (lib/http/trailing-slash.ts).
  skipTrailingSlashRedirect: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
  // Native/server-only packages must not be bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // content/ is read at run time by the server (lib/content/store).
  outputFileTracingIncludes: { "/**": ["./content/documents/**"] },
  ...(postgres
    ? {
        distDir: ".next-pg",
        typescript: { tsconfigPath: "tsconfig.pg.json" },
        turbopack: { resolveAlias: { "@/generated/prisma/client": "./generated/prisma-pg/client.ts" } },
      }
    : {}),
};

export default withNextIntl(nextConfig);
