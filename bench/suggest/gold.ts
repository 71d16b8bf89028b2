/**
 * Gold links for measuring suggestions, made by hand from the five seed texts (read in full): the links a
 * historian preparing a seminar on the separate-peace question would draw, NOT passages picked because the
 * engine finds them — several depend on an argument rather than a shared name and are expected to be hard.
 *
 * Documents are named by seed number (resolved via meta.rawFile, see seed-corpus.ts), passages by an exact
 * quote (no markup, no footnote markers), so the set survives block-id changes in the content pipeline.
 * 000 forum (de) · 001 newspaper article (de) · 002 blog (en) · 003 Mastný essay (en) · 004 Bayerlein (de).
 */

export type SeedDoc = "000" | "001" | "002" | "003" | "004";
export type Relation = "supports" | "contradicts" | "cites" | "same-event" | "paraphrase" | "context";

export interface GoldPassage {
  doc: SeedDoc;
  exact: string;
  /** the passage is a forum quote block (the same words also stand in the original post) */
  quoteBlock?: boolean;
}

export interface GoldLink {
  from: GoldPassage;
  to: GoldPassage;
  relation: Relation;
  note: string;
}

export interface GoldTrap {
  from: GoldPassage;
  trap: GoldPassage;
  why: string;
}

export const GOLD_LINKS: GoldLink[] = [
  // Forum (de) ↔ Mastný (en): the Stockholm contacts 1942–43
  {
    from: { doc: "000", exact: "Am 16. Juni 1943 berichtete die schwedische Zeitung" },
    to: { doc: "003", exact: "announced in a special edition that high Soviet and German officials had been negotiating near Stockholm" },
    relation: "same-event",
    note: "Nya Dagligt Allehanda's report of 16 June 1943; the forum cites Mastný for it.",
  },
  {
    from: { doc: "003", exact: "On June 16 the Swedish newspaper" },
    to: { doc: "000", exact: "Am 16. Juni 1943 berichtete die schwedische Zeitung" },
    relation: "same-event",
    note: "Reverse direction; Mastný writes the day without the year (his n. 64/65 give 1943).",
  },
  {
    from: { doc: "000", exact: "Semjonow wird als Deutschlandexperte" },
    to: { doc: "003", exact: "counselor Vladimir S. Semyonov, a specialist in German affairs" },
    relation: "same-event",
    note: "Semjonow = Vladimir S. Semyonov, German specialist at the Stockholm legation.",
  },
  {
    from: { doc: "000", exact: "Im September 43 war Dekanosow, stellvertretender Außenminister und füherer Botschafter in Berlin, in Stockholm." },
    to: { doc: "003", exact: "the former Soviet ambassador to Berlin and another of Beria's protégés, was going to visit Stockholm" },
    relation: "same-event",
    note: "Dekanosow (de) = Dekanozov, whom Mastný calls 'Vladimir Dekanov'; September 1943 visit.",
  },
  {
    from: { doc: "000", exact: "Peter Kleist reist im Auftrag von Ribbentrop nach Stockholm und erhält im Dezember 1942 das erneuerte Angebot" },
    to: { doc: "003", exact: "that the Russians wanted a separate peace" },
    relation: "same-event",
    note: "Kleist's account of 14 Dec 1942: armistice within eight days (8 Tagen / eight days).",
  },
  {
    from: { doc: "000", exact: "Im August schickt Ribbentrop zur Unterstützung von Peter Kleist noch Rudolf Likus" },
    to: { doc: "003", exact: "Ribbentrop's assistant Rudolf Likus went to Stockholm in order to gather information" },
    relation: "same-event",
    note: "Likus in Stockholm, 2–5 August 1943.",
  },
  {
    from: { doc: "003", exact: "Ribbentrop's assistant Rudolf Likus went to Stockholm in order to gather information" },
    to: { doc: "000", exact: "Im August schickt Ribbentrop zur Unterstützung von Peter Kleist noch Rudolf Likus" },
    relation: "same-event",
    note: "Reverse direction.",
  },
  {
    from: { doc: "000", exact: "Im Gravitationszentrum steht dabei Ribbentrop und einer seiner Mitarbeiter „Peter Kleist“ alias „Edgar Klauss“ (Clauss)." },
    to: { doc: "003", exact: "One such individual was a certain Edgar Clauss, a nondescript businessman of Baltic-German ancestry" },
    relation: "contradicts",
    note: "The forum makes Kleist 'alias Edgar Klauss'; Mastný shows Clauss as a separate intermediary.",
  },
  // Casablanca, unconditional surrender, second front
  {
    from: { doc: "000", exact: "das in Casablanca im Januar 1943 formulierte „unconditional surrender“ massiv unterlief" },
    to: {
      doc: "003",
      exact: "the demand for unconditional surrender that Roosevelt and Churchill had enunciated during their conference at Casablanca in January 1943",
    },
    relation: "same-event",
    note: "Casablanca, January 1943.",
  },
  {
    from: {
      doc: "000",
      exact: "Er argumentiert, dass die sowjetische Propaganda es bis nach Kursk vermied, sämtliche Brücken für einen potentiellen Dialog einzureißen.",
    },
    to: { doc: "003", exact: "The Soviet Union was demonstrating that its attitude toward Germany was not the same as that of the Western Allies." },
    relation: "cites",
    note: "The forum summarizes Mastný's argument; shares no name — a hard case.",
  },
  {
    from: { doc: "000", exact: "Stalins Drängen nach Errichtung der Zweiten Front hat zwei militärstrategische Aspekte" },
    to: { doc: "003", exact: "In his efforts to accelerate the opening of the second front Stalin had issued similar warnings before." },
    relation: "supports",
    note: "Stalin's pressure for the second front through his correspondence.",
  },
  {
    from: { doc: "001", exact: "Zudem durch die Forderung nach »Unconditional Surrender« (bedingungslose Kapitulation)" },
    to: {
      doc: "003",
      exact: "The Russians nevertheless abstained from endorsing the formula for unconditional surrender until after the Normandy landings in June 1944.",
    },
    relation: "contradicts",
    note: "The article presents unconditional surrender as a shared Allied basis; Mastný: Moscow avoided endorsing it until June 1944.",
  },
  {
    from: { doc: "001", exact: "Die seit 1941 von der Sowjetunion geforderte Eröffnung der »Zweiten Front« im Westen erfolgte allerdings erst im Juni 1944." },
    to: { doc: "003", exact: "that the operation could not take place before May 1944" },
    relation: "context",
    note: "Postponement of the cross-Channel invasion announced to Stalin in June 1943.",
  },
  {
    from: { doc: "001", exact: "Diese wurde abgesichert durch die Atlantik-Charta von 1941" },
    to: { doc: "003", exact: "the principles of the Atlantic Charter ought not to be construed so as to deny Russia the frontiers" },
    relation: "context",
    note: "Atlantic Charter and the Soviet frontier claims.",
  },
  {
    from: { doc: "001", exact: "die Unterstützung der Sowjetunion durch die »Lend-Lease«-Lieferungen der USA" },
    to: { doc: "003", exact: "conspicuously deficient in acknowledging American lend-lease deliveries" },
    relation: "context",
    note: "Lend-lease deliveries.",
  },
  {
    from: { doc: "000", exact: "wollte Stalin die Vorteile aus den LL-Lieferungen nicht gefährden" },
    to: { doc: "003", exact: "conspicuously deficient in acknowledging American lend-lease deliveries" },
    relation: "context",
    note: "LL = lend-lease (forum abbreviation).",
  },
  // Kursk, Stalingrad, the window of 1943
  {
    from: { doc: "000", exact: "Mit dem Mißerfolg der Schlacht um Kursk 1943 ändert sich die geostrategische Einschätzung durch Stalin." },
    to: { doc: "003", exact: "in the battle of Kursk, which ended on July 16, represents in many ways a watershed more important than Stalingrad" },
    relation: "supports",
    note: "Kursk as the turning point for the separate-peace option.",
  },
  {
    from: { doc: "000", exact: "dann war die Schlacht von Kursk der Wendepunkt in der Wahrscheinlichkeit für einen Separatfrieden aus der Sicht von Moskau" },
    to: { doc: "003", exact: "Kursk had bolstered the self-confidence of the Russians sufficiently to reduce for them the value of any deal with Hitler" },
    relation: "supports",
    note: "Same thesis.",
  },
  {
    from: { doc: "000", exact: "war Stalin klar, dass die weiteren Kosten für die UdSSR noch sehr hoch sein werden bis zu einem finalen Sieg" },
    to: {
      doc: "003",
      exact:
        "Yet the military situation after Stalingrad offered the Soviet Union, for the first time since the beginning of the war, both the opportunity and the inducement to trade military assets for a political compromise.",
    },
    relation: "supports",
    note: "After Stalingrad a compromise became thinkable for Moscow.",
  },
  {
    from: { doc: "000", exact: "Vor diesem Hintergrund erscheint die Periode bis September 1943 als das Zeitfenster" },
    to: { doc: "003", exact: "But after September 1943 the Soviet Union no longer went so far as actively to prepare for such an arrangement." },
    relation: "supports",
    note: "The window closes in September 1943.",
  },
  {
    from: {
      doc: "000",
      exact: "Ein Kontakt in Stockholm wurde durch die höchsten politischen Stellen in Moskau (unklare Quellenlage!) natürlich unter der Annahme initiert",
    },
    to: { doc: "003", exact: "it is quite probable that informal exchanges occurred at Soviet initiative" },
    relation: "supports",
    note: "Soviet initiative for the Stockholm contacts.",
  },
  {
    from: { doc: "000", exact: "dass Stalin seinerseits einen Separatfrieden der Westmächte mit dem 3. Reich und Japan befürchtete" },
    to: { doc: "003", exact: "they might make the dreaded Western reversal of alliances a self-fulfilling prophecy" },
    relation: "supports",
    note: "Stalin's fear of a Western separate peace; argument, not names — hard.",
  },
  // Axis mediation
  {
    from: { doc: "000", exact: "Ciano wird Ende 42 von Hitler abgekanzelt als er Hitler zu einem Separatfrieden drängt" },
    to: { doc: "002", exact: "which were presented to Hitler on 18 December 1942 by Foreign Minister Ciano" },
    relation: "same-event",
    note: "Ciano's démarche of 18 December 1942 (blog quoting Magenheimer).",
  },
  {
    from: { doc: "000", exact: "Ciano wird Ende 42 von Hitler abgekanzelt als er Hitler zu einem Separatfrieden drängt" },
    to: { doc: "003", exact: "implored Hitler to seek peace with the Russians" },
    relation: "same-event",
    note: "Mussolini/Ciano urging Hitler to make peace with Moscow.",
  },
  {
    from: { doc: "000", exact: "Die japanischen Regierung bedrängte Hitler und Stalin in 42/43 einen separaten Frieden abzuschließen." },
    to: { doc: "003", exact: "Japanese diplomats repeatedly tendered their good services." },
    relation: "same-event",
    note: "Japanese mediation offers.",
  },
  // Frontiers of 1941
  {
    from: { doc: "000", exact: "die Bedingungen für einen separaten Frieden zu diskutieren, auf der Basis der Grenzen von 1941" },
    to: { doc: "003", exact: "whereas the Russians insisted upon the frontier of 1941" },
    relation: "supports",
    note: "The 1941 frontier as the Soviet condition.",
  },
  {
    from: { doc: "002", exact: "on the basis, for example, of a return to the mutual frontiers existing before June 1941" },
    to: { doc: "003", exact: "whereas the Russians insisted upon the frontier of 1941" },
    relation: "supports",
    note: "Blog (Magenheimer) and Mastný on the frontier of June 1941.",
  },
  // Blog (en) ↔ Mastný (en)
  {
    from: { doc: "002", exact: "By a note of 12 November Molotov informed the Western Allies of the Soviet feelers via representatives in Stockholm." },
    to: { doc: "003", exact: "On November 12 Molotov handed to the United States ambassador, W. Averell Harriman, a memorandum" },
    relation: "same-event",
    note: "Molotov's memorandum of 12 November 1943 (both texts omit the year here).",
  },
  {
    from: { doc: "002", exact: "The Battle of Stalingrad ended in February, 1943" },
    to: { doc: "003", exact: "encircled German forces at Stalingrad on November 23, 1942, and annihilated them by February 1, 1943" },
    relation: "same-event",
    note: "End of Stalingrad.",
  },
  {
    from: { doc: "002", exact: "Stalin’s 1939 pact with Nazis was designed to allow capitalists to weaken each other" },
    to: { doc: "003", exact: "since he himself had thought along these lines in 1939-41" },
    relation: "supports",
    note: "Mutual exhaustion of the capitalists as Stalin's 1939–41 scheme.",
  },
  {
    from: { doc: "002", exact: "Stalin squeezed as much political mileage out of the situation as he could by informing the Western Allies" },
    to: { doc: "003", exact: "As was obviously intended, the message promoted Western trust in the Soviet ally." },
    relation: "supports",
    note: "Disclosure of the feelers to win Western trust.",
  },
  // Bayerlein (de) ↔ Mastný (en)
  {
    from: { doc: "004", exact: "die im Stalin-Hitler Pakt des Jahres 1939 vollendet wurde" },
    to: { doc: "003", exact: "Stalin personally had a greater share than Hitler in bringing to conclusion the pact of August 1939" },
    relation: "supports",
    note: "Stalin's own drive towards the 1939 pact.",
  },
  {
    from: { doc: "004", exact: "der dem Vertrag von Rapallo gefolgt war" },
    to: { doc: "003", exact: "Following the Treaty of Rapallo in 1922, the German military had been the chief instigators" },
    relation: "context",
    note: "Rapallo and the Berlin treaty as background of Soviet–German relations.",
  },
  {
    from: { doc: "004", exact: "George F. Kennan, Sowjetische Außenpolitik unter Lenin und Stalin, Stuttgart 1961" },
    to: { doc: "003", exact: "Russia and the West under Lenin and Stalin" },
    relation: "cites",
    note: "The same book: Bayerlein cites the German translation, Mastný the English original (n. 1).",
  },
  {
    from: {
      doc: "004",
      exact: "Erst mit dem Überfall der deutschen Wehrmacht im Juni 1941 erfolgte eine grundlegende Wandlung in der Politik der Sowjetunion",
    },
    to: { doc: "003", exact: "On June 24, 1941, for example, the emigré leadership of the German Communist party in Moscow issued a statement" },
    relation: "contradicts",
    note: "Bayerlein: a turn in June 1941; Mastný: nostalgia for the German alliance persisted after the attack.",
  },
];

export const GOLD_TRAPS: GoldTrap[] = [
  {
    from: { doc: "004", exact: "ein Gespräch mit Boris Winogradow statt" },
    trap: { doc: "003", exact: "Konstantin Vinogradov of the Soviet legation in Stockholm revealed to an American colleague" },
    why: "Same surname, different person: Boris Winogradow (Berlin 1933) vs Konstantin Vinogradov (Stockholm 1943).",
  },
  {
    from: { doc: "003", exact: "Konstantin Vinogradov of the Soviet legation in Stockholm revealed to an American colleague" },
    trap: { doc: "004", exact: "Winogradow war erster Sekretär und Leiter der Presseabteilung" },
    why: "Same surname, different person (reverse direction).",
  },
  {
    from: { doc: "000", exact: "Unterredung zwischen Hitler und Molotow in Berlin am 12. November 1940" },
    trap: { doc: "003", exact: "On November 12 Molotov handed to the United States ambassador" },
    why: "Same person, same day, another year: Molotov in Berlin 1940 vs Molotov's memorandum to Harriman 1943.",
  },
  {
    from: { doc: "000", exact: "Unterredung zwischen Hitler und Molotow in Berlin am 12. November 1940" },
    trap: { doc: "002", exact: "By a note of 12 November Molotov informed the Western Allies" },
    why: "Same day, another year (the blog's note is of 1943).",
  },
  {
    from: { doc: "003", exact: "it was scrupulously avoiding any association with the demand for unconditional surrender" },
    trap: { doc: "000", exact: "Ab Casablanca waren alle Separatfriedensaspirationen sowieso obsolet.", quoteBlock: true },
    why: "A forum quote block repeating another post: link the original post, never the quote.",
  },
  {
    from: { doc: "000", exact: "alias „Edgar Klauss“ (Clauss)" },
    trap: { doc: "003", exact: "the would-be assassin of Hitler, Claus von Stauffenberg" },
    why: "Claus (given name of Stauffenberg) is not Clauss/Klauss.",
  },
  {
    from: { doc: "000", exact: "Im Juni 1943 liegen Colonel Clark, dem „Chief of US Army Special Branch“ diese Berichte ebenfalls vor" },
    trap: { doc: "003", exact: "instructed its ambassador to Moscow, Sir Archibald Clark-Kerr, to inquire on the spot" },
    why: "Clark (US Army Special Branch) is not Clark-Kerr (British ambassador).",
  },
  {
    from: { doc: "001", exact: "Bei einem Einsatz der 15. US-Luftflotte gegen Ungarn im Herbst 1944" },
    trap: { doc: "003", exact: "the sharp curtailment of offensive operations by the Red Army on March 15, 1943" },
    why: "Same number, different thing: the 15th Air Force vs the 15th of March.",
  },
  {
    from: { doc: "001", exact: "Während eines Treffens von Churchill und Stalin am 14. Oktober 1944 in Moskau" },
    trap: { doc: "003", exact: "the conference at Moscow of foreign ministers in October and the meeting at Teheran" },
    why: "Same place and month, another year: Churchill–Stalin in Moscow, October 1944 vs the Moscow foreign ministers' conference, October 1943.",
  },
];
