// Seeds the demo (idempotent: run it as often as you like). Creates three accounts, the seminar
// "Separatfrieden 1941–1943" with every corpus document and a tag vocabulary, and — only in a seminar
// without notes — a few demo notes. Run from the project root: `npx tsx scripts/seed.ts`.
// Personal access tokens are deliberately not seeded: users create them in the app.
import { auth } from "@/lib/auth/server";
import { listDocuments, getDocument } from "@/lib/content/store";
import { db } from "@/lib/db/client";
import { createAnnotation } from "@/lib/annotations/store";
import { setDocuments, setTagVocabulary } from "@/lib/seminars";
import { ensureCorpusIndexed } from "@/lib/search/indexer";
import { seedSeminarGlossary } from "@/lib/links/glossary-store";
import { seedSeminarNames } from "@/lib/links/names/store";
import { LIBRARY_GLOSSARY_FILE, LIBRARY_NAMES_FILE, readGlossaryCsvFile, readNamesCsvFile } from "@/lib/links/library-lists";
import { installSubscribers } from "@/lib/startup";

export const DEMO_PASSWORD = process.env.SYNOPSE_DEMO_PASSWORD ?? "synopse-demo";
export const DEMO_INVITE_CODE = "separatfrieden-demo";
const SEMINAR_TITLE = "Separatfrieden 1941–1943";

const people = [
  { key: "instructor", email: "instructor@synopse.test", name: "Irene Lehmann" },
  { key: "student1", email: "student1@synopse.test", name: "Anna Petrova" },
  { key: "student2", email: "student2@synopse.test", name: "Ben Fischer" },
] as const;

async function ensureUser(email: string, name: string): Promise<string> {
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) return existing.id;
  // Through better-auth, so the password is hashed exactly as sign-in expects.
  const result = await auth().api.signUpEmail({ body: { email, name, password: DEMO_PASSWORD } });
  return result.user.id;
}

async function main() {
  installSubscribers();
  const ids: Record<string, string> = {};
  for (const p of people) ids[p.key] = await ensureUser(p.email, p.name);

  let seminar = await db().seminar.findUnique({ where: { inviteCode: DEMO_INVITE_CODE } });
  if (!seminar) {
    seminar = await db().seminar.create({
      data: {
        title: SEMINAR_TITLE,
        description: "Gab es 1941–1943 sowjetisch-deutsche Fühler für einen Separatfrieden? Quellen, Forschung und eine Forumsdebatte im Vergleich.",
        inviteCode: DEMO_INVITE_CODE,
      },
    });
  }
  const seminarId = seminar.id;
  const roles = { instructor: "instructor", student1: "student", student2: "student" } as const;
  for (const p of people) {
    await db().membership.upsert({
      where: { seminarId_userId: { seminarId, userId: ids[p.key] } },
      create: { seminarId, userId: ids[p.key], role: roles[p.key] },
      update: { role: roles[p.key] },
    });
  }

  const slugs = listDocuments().map((d) => d.slug);
  await setDocuments(ids.instructor, seminarId, slugs);
  if ((await db().seminarTag.count({ where: { seminarId } })) === 0) {
    await setTagVocabulary(ids.instructor, seminarId, [
      { name: "Propaganda", color: "#b3261e" },
      { name: "Quellenkritik", color: "#1f6feb" },
      { name: "Diplomatie", color: "#2e7d32" },
      { name: "Datierung", color: "#8a5a00" },
    ]);
  }

  // The demo seminar's glossary and name list are the library's, data kept with the corpus (content/seminar-data).
  const glossaryEntries = await seedSeminarGlossary(seminarId, readGlossaryCsvFile(LIBRARY_GLOSSARY_FILE));
  const nameEntries = await seedSeminarNames(seminarId, readNamesCsvFile(LIBRARY_NAMES_FILE));

  let notes = 0;
  if ((await db().annotation.count({ where: { seminarId } })) === 0) {
    // A few notes on the first paragraph with enough words, so a fresh demo is not empty.
    for (const slug of slugs.slice(0, 2)) {
      const doc = getDocument(slug);
      const block = doc?.blocks.find((b) => b.type === "paragraph" && b.text.split(/\s+/).length > 12);
      if (!doc || !block) continue;
      const words = block.text.split(/(\s+)/).slice(0, 11).join("");
      const note = await createAnnotation(ids.student1, seminarId, {
        motivation: "commenting",
        target: { documentSlug: slug, blockId: block.id, blockStart: 0, blockEnd: words.length },
        body: "<p>Woher stammt diese Aussage? Die Quelle wird nicht genannt.</p>",
        tags: ["Quellenkritik"],
      });
      await createAnnotation(ids.instructor, seminarId, {
        parentId: note.id,
        body: "<p>Gute Frage – vergleichen Sie mit der Darstellung bei Mastný.</p>",
      });
      notes += 2;
    }
  }

  // The search index holds the corpus text from the start (otherwise the first search builds it).
  const { reindexed } = await ensureCorpusIndexed();
  if (reindexed) console.log("[seed] search index: corpus text indexed");
  console.log(
    `[seed] seminar "${SEMINAR_TITLE}" (${seminarId}) with ${slugs.length} documents; ${notes} demo notes, ${glossaryEntries} glossary entries and ${nameEntries} names added`,
  );
  console.log(`[seed] logins (password "${DEMO_PASSWORD}"): ${people.map((p) => p.email).join(", ")}; invite code ${DEMO_INVITE_CODE}`);
  await db().$disconnect();
}

main().catch(async (e) => {
  console.error("[seed] failed:", e);
  process.exit(1);
});
