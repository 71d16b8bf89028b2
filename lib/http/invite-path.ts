/**
 * The invite code a `?next=` path leads to ("/en/join/AbC-12_x" → "AbC-12_x"), or null when the path is no
 * invite page. Sign-up and sign-in use it to carry the invitation through and join on the sign-in press.
 */
const JOIN_PATH = /^\/[a-z]{2}\/join\/([A-Za-z0-9_-]{1,64})$/;

export function inviteCodeOf(path: string | null | undefined): string | null {
  if (!path) return null;
  const m = JOIN_PATH.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
