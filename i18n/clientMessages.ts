/**
 * The message namespaces client components read, by where they are rendered. The server hands
 * NextIntlClientProvider only these (not every message of the locale: 30–40 KB serialized into every page),
 * the site's share in app/[locale]/layout.tsx and a page's own share through components/site/ClientMessages.
 * messages/clientNamespaces.test.ts fails when a client component uses a namespace its page does not pass.
 */
import type en from "@/messages/en.json";

export type Namespace = keyof typeof en;
type Messages = Record<string, unknown>;

export const CLIENT_NAMESPACES = {
  /** Every page: the error boundary (app/[locale]/error.tsx) and the header's language switcher and live badge. */
  site: ["Errors", "LocaleSwitcher", "Notifications"],
  /** The reader with its notes, links, teaching and windowed volumes. */
  reader: ["Reader", "ReaderWindows", "Annotations", "Teaching", "Links", "LinkThread", "EditionView", "Suggest", "ReaderUx"],
  library: ["Library"],
  account: ["Account"],
  upload: ["Upload", "ContentErrors", "Document", "TeiUpload"],
  export: ["Export"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientScope = Exclude<keyof typeof CLIENT_NAMESPACES, "site">;

/** The site's namespaces plus those of the given scopes, picked from a locale's messages. */
export function clientMessages(messages: Messages, scopes: readonly ClientScope[] = []): Messages {
  const picked: Messages = {};
  for (const ns of [...CLIENT_NAMESPACES.site, ...scopes.flatMap((s) => CLIENT_NAMESPACES[s])]) {
    if (ns in messages) picked[ns] = messages[ns];
  }
  return picked;
}
