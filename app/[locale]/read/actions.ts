"use server";
import { requestUser } from "@/app/_server/request-user";
import { anchorLiveNotesFor, type LiveAnchorResult } from "@/lib/annotations-ui/live-anchor";

/** Anchor live notes made on another version of a document (lib/annotations-ui/live-anchor): signed-in readers only. */
export async function anchorLiveNotes(slug: string, notes: unknown): Promise<LiveAnchorResult> {
  const user = await requestUser().catch(() => null);
  return anchorLiveNotesFor(user?.id ?? null, slug, notes);
}
