"use client";

import LinkBanner from "./LinkBanner";
import LinkComposer from "./LinkComposer";
import LinkConnectors from "./LinkConnectors";
import "./links.css";

/** The reader-wide parts of the link layer that float: linking banner, composer dialog, connectors (the
 * suggestions and correspondences panels sit beside the panes, in components/reader/Reader). */
export default function LinkLayer() {
  return (
    <>
      <LinkBanner />
      <LinkComposer />
      <LinkConnectors />
    </>
  );
}
