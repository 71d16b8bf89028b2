"use server";
import { requestUser } from "@/app/_server/request-user";
import type { LiveAnchorResult } from "@/lib/annotations-ui/live-anchor-contract";
import { anchorLiveNotesFor } from "@/lib/reader-notes/live-anchor";

/** Anchor live notes made on another version of a document (lib/reader-notes/live-anchor): signed-in readers only. */
export async function anchorLiveNotes(slug: string, notes: unknown): Promise<LiveAnchorResult> {
  const user = await requestUser().catch(() => null);
  return anchorLiveNotesFor(user?.id ?? null, slug, notes);
}
