"use client";

import LinkBanner from "./LinkBanner";
import LinkComposer from "./LinkComposer";
import LinkConnectors from "./LinkConnectors";
import CorrespondencesPanel from "./CorrespondencesPanel";
import SuggestionsPanel from "./SuggestionsPanel";
import "./links.css";

/** The reader-wide parts of the link layer: linking banner, composer dialog, suggestions, corresponding
 * passages of the open documents, connectors. */
export default function LinkLayer() {
  return (
    <>
      <LinkBanner />
      <LinkComposer />
      <SuggestionsPanel />
      <CorrespondencesPanel />
      <LinkConnectors />
    </>
  );
}
