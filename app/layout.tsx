import type { ReactNode } from "react";

/**
 * app/[locale]/layout.tsx renders <html lang>; this root layout only exists so that app/not-found.tsx
 * can serve paths outside any locale (next-intl's recommended setup).
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
