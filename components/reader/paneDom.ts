/**
 * Finding a pane's parts in the page and moving within it: its panel, its scroller, its document root, a
 * block by id (through lib/reader/dom-ids, the same ids the server renders), and putting a passage in view.
 * Every reader component asks here instead of building selectors and ids itself. Browser-only.
 */
import { blockLayout, passageRanges } from "@/lib/annotations-ui/paint";
import { blockDomId, panelDomId } from "@/lib/reader/dom-ids";
import type { Passage } from "@/lib/reader/selection";

export const SCROLLER_SELECTOR = "[data-pane-scroller]";
export const DOC_ROOT_SELECTOR = "[data-doc-root]";

export const panelOf = (paneId: string) => document.getElementById(panelDomId(paneId));
export const scrollerOf = (paneId: string) => panelOf(paneId)?.querySelector<HTMLElement>(SCROLLER_SELECTOR) ?? null;
export const docRootOf = (paneId: string) => panelOf(paneId)?.querySelector<HTMLElement>(DOC_ROOT_SELECTOR) ?? null;
export const blockElement = (paneId: string, blockId: string) => document.getElementById(blockDomId(paneId, blockId));

/** The pane (of those given) whose scroller holds `target`, e.g. the element under the pointer. */
export function paneAt<P extends { paneId: string }>(target: EventTarget | null, panes: readonly P[]): P | undefined {
  const scroller = (target as Element | null)?.closest?.(SCROLLER_SELECTOR);
  return scroller ? panes.find((p) => scrollerOf(p.paneId) === scroller) : undefined;
}

/** DOM ranges of a passage in a pane (one per block it covers); empty when it is not rendered. */
export function rangesOf(paneId: string, passage: Passage): Range[] {
  const root = docRootOf(paneId);
  return root ? passageRanges(blockLayout(root), { status: "anchored", ...passage, start: 0, end: 0 }) : [];
}

/** Scroll so that a rectangle sits a third of the way down the pane (where the eye expects to read on). */
export function placeInView(scroller: HTMLElement, rect: DOMRect) {
  const box = scroller.getBoundingClientRect();
  scroller.scrollTop += rect.top - box.top - box.height / 3;
}

/**
 * Put painted ranges a third of the way down their pane and, with `focus`, give their block focus (keyboard
 * users continue there). Returns the block, or null when the pane or ranges are not there.
 */
export function scrollRangesIntoView(paneId: string, ranges: Range[], focus: boolean): HTMLElement | null {
  const scroller = scrollerOf(paneId);
  const first = ranges[0];
  if (!first || !scroller) return null;
  placeInView(scroller, first.getBoundingClientRect());
  const block = first.startContainer.parentElement?.closest<HTMLElement>("[data-block-id]") ?? null;
  if (focus && block) focusBlock(block);
  return block;
}

/** Focus a block without scrolling (it is made focusable by script only, not a Tab stop). */
export function focusBlock(block: HTMLElement) {
  if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "-1");
  block.focus({ preventScroll: true });
}

/**
 * Scroll a pane to a passage and focus its block. Returns the passage's ranges (to mark it), or null when
 * the pane or the passage's block is not rendered (yet).
 */
export function scrollPassageIntoView(paneId: string, passage: Passage): Range[] | null {
  const scroller = scrollerOf(paneId);
  if (!scroller) return null;
  const ranges = rangesOf(paneId, passage);
  const block = blockElement(paneId, passage.blockId);
  const rect = ranges[0]?.getBoundingClientRect() ?? block?.getBoundingClientRect();
  if (!rect) return null;
  placeInView(scroller, rect);
  if (block) focusBlock(block);
  return ranges;
}
