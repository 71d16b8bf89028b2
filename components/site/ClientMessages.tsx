import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type ClientScope } from "@/i18n/clientMessages";

/**
 * The messages a page's client components need (i18n/clientMessages.ts), on top of the site's own that the
 * locale layout passes. Wrap the page's whole output in it: a nested provider replaces the outer one.
 */
export default async function ClientMessages({ scopes, children }: { scopes: ClientScope[]; children: ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages(), scopes)}>{children}</NextIntlClientProvider>;
}
