/**
 * Cut the thread dump into title, post header, post bodies and chrome. Post boundaries are the NBSP-only
 * lines (XenForo's `js-selectToQuoteEnd&nbsp;`), never blank lines: the export glues quotes, replies, edit
 * notices and the next post together with single newlines.
 */
import type { Removal } from "@/lib/content/types";
import { isBlank, isEditNotice, isNavigation, isPostDelimiter, looksLikeUserName, looksLikeUserTitle } from "./patterns";

export interface RawLine {
  /** 1-based raw line number. */
  n: number;
  text: string;
}

export interface PostSegment {
  n: number;
  id: string;
  /** Raw span of the post: first body/header line through its delimiter and edit notice. */
  span: [number, number];
  /** Body lines in order (blank lines included; header, delimiter and edit notice excluded). */
  body: RawLine[];
  header: { author: string; authorTitle: string | null } | null;
  edited: boolean;
}

export interface Segmentation {
  title: string | null;
  posts: PostSegment[];
  /** Whole-line removals (title, header, delimiters, edit notices, navigation). */
  removals: Removal[];
}

export function segmentThread(rawLines: string[]): Segmentation {
  const lines: RawLine[] = rawLines.map((text, i) => ({ n: i + 1, text }));
  const removals: Removal[] = [];
  const remove = (l: RawLine, reason: string) => removals.push({ lines: [l.n, l.n], text: l.text, reason });
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && isBlank(lines[i].text) && !isPostDelimiter(lines[i].text)) i++;
  };

  // Thread title: the first line of the dump.
  skipBlank();
  let title: string | null = null;
  if (i < lines.length && !isPostDelimiter(lines[i].text)) {
    title = lines[i].text.trim();
    remove(lines[i], "thread title, moved to metadata (title)");
    i++;
  }

  // The first post's user header (the export kept it only for the first post): user name, then user title.
  skipBlank();
  let header: PostSegment["header"] = null;
  const headerLines: RawLine[] = [];
  if (i < lines.length && looksLikeUserName(lines[i].text)) {
    const nameLine = lines[i];
    let j = i + 1;
    while (j < lines.length && isBlank(lines[j].text) && !isPostDelimiter(lines[j].text)) j++;
    const titleLine = j < lines.length && looksLikeUserTitle(lines[j].text) ? lines[j] : null;
    header = { author: nameLine.text.trim(), authorTitle: titleLine ? titleLine.text.trim() : null };
    headerLines.push(nameLine);
    remove(nameLine, "post header: user name, moved to post metadata (post1 author)");
    if (titleLine) {
      headerLines.push(titleLine);
      remove(titleLine, "post header: user title, moved to post metadata (post1 authorTitle)");
      i = j + 1;
    } else i++;
  }

  const posts: PostSegment[] = [];
  while (i < lines.length) {
    skipBlank();
    if (i >= lines.length) break;
    // After the last delimiter: page navigation only (anything else would be a post without an end marker).
    const rest = lines.slice(i).filter((l) => !isBlank(l.text));
    if (rest.length > 0 && rest.every((l) => isNavigation(l.text))) {
      for (const l of rest) remove(l, "forum page navigation");
      break;
    }
    const n = posts.length + 1;
    const id = `post${n}`;
    const start = posts.length === 0 && headerLines.length > 0 ? headerLines[0].n : lines[i].n;
    const body: RawLine[] = [];
    while (i < lines.length && !isPostDelimiter(lines[i].text)) body.push(lines[i++]);
    while (body.length > 0 && isBlank(body[body.length - 1].text)) body.pop();
    let end = body.length > 0 ? body[body.length - 1].n : start;
    let edited = false;
    if (i < lines.length) {
      remove(lines[i], `post delimiter (NBSP-only line, XenForo js-selectToQuoteEnd) ending ${id}`);
      end = lines[i].n;
      i++;
      // The edit notice follows the delimiter of the post it belongs to. A second notice in a row has no
      // post of its own left in the dump (L88): it is dropped and belongs to no post.
      if (i < lines.length && isEditNotice(lines[i].text)) {
        edited = true;
        remove(lines[i], `edit notice (date stripped by the export): ${id} edited`);
        end = lines[i].n;
        i++;
        while (i < lines.length && isEditNotice(lines[i].text)) {
          remove(lines[i], `orphan edit notice: follows ${id}'s notice directly; the post it belonged to is not in the dump`);
          i++;
        }
      }
    }
    posts.push({ n, id, span: [start, end], body, header: n === 1 ? header : null, edited });
  }
  return { title, posts, removals };
}
