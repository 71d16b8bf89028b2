import { notFound } from "next/navigation";

/** Every path under a locale that no route claims gets the locale's own not-found page. */
export default function CatchAll() {
  notFound();
}
