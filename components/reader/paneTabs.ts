/**
 * On a phone-sized screen the panes stack behind tabs and only one shows. Whatever takes the reader to a
 * passage in another pane (a link's other end) asks for that pane first: `showPane` brings its tab to the
 * front at once (the reader re-renders synchronously), so the passage can be measured and scrolled to.
 * Side by side it does nothing. Browser-only, no React.
 */
import { paneEvent } from "./paneEvents";

const showPaneEvent = paneEvent("synopse:show-pane");

export const showPane: (paneId: string) => void = showPaneEvent.emit;

/** The reader listens (and switches tabs); returns the unsubscribe function. */
export const onShowPane: (listener: (paneId: string) => void) => () => void = showPaneEvent.on;
