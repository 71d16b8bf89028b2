import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/server-only packages must not be bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // content/ is read at run time by the server (lib/content/store).
  outputFileTracingIncludes: { "/**": ["./content/documents/**"] },
};

export default withNextIntl(nextConfig);
