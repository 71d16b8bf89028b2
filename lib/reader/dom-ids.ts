/**
 * The DOM ids the reader's server-rendered HTML gives its panes and blocks, shared by the renderer
 * (lib/reader/html.ts) and the browser code that finds them again (components/reader/paneDom.ts).
 */

/** Fragment id of a block in a pane: "pane2-p12". Ids must differ per pane (one document may be open twice). */
export const blockDomId = (paneId: string, blockId: string) => `${paneId}-${blockId}`;
/** The element holding a pane's toolbar, scroller and document (a tab panel on phones). */
export const panelDomId = (paneId: string) => `${paneId}-panel`;
