"use client";

import LinkBanner from "./LinkBanner";
import LinkComposer from "./LinkComposer";
import LinkConnectors from "./LinkConnectors";
import SuggestionsPanel from "./SuggestionsPanel";
import "./links.css";

/** The reader-wide parts of the link layer: linking banner, composer dialog, suggestions, connectors. */
export default function LinkLayer() {
  return (
    <>
      <LinkBanner />
      <LinkComposer />
      <SuggestionsPanel />
      <LinkConnectors />
    </>
  );
}
