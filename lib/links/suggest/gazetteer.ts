/**
 * Gazetteer: the people, places and cited works that occur in the seed texts, with their spellings.
 *
 * Provenance: made by reading the five seed texts (shared/seeds/000–004) in full; every entry occurs in at
 * least one of them, most in two or more under different spellings (Semjonow / Semyonov, Dekanosow /
 * Dekanov, Klauss / Clauss, Winogradow / Vinogradov). A few well-known figures of the subject that the
 * brief names (Chicherin, Litvinov, Kandelaki) are included so that texts added later meet them too.
 * Entries are data: add a line, no code changes. Persons are matched by `nameKey` (lib/text/normalize), so a
 * romanization not listed here still meets; places and works by their folded words.
 *
 * Look-alikes are separate entries told apart by `given` names and `context` words:
 * Boris Winogradow (Soviet embassy Berlin, 1933) vs Konstantin Vinogradov (Soviet legation Stockholm, 1943);
 * Edgar Clauss vs Claus (von) Stauffenberg; Colonel Clark(e) of US Army Special Branch vs Sir Archibald
 * Clark-Kerr; Bernd Martin (historian) vs Martin Bormann.
 */

export type GazetteerKind = "person" | "place" | "work";

export interface GazetteerEntry {
  id: string;
  kind: GazetteerKind;
  label: string;
  /** How the name/title may be written. Persons: surname forms and full multi-word forms. */
  names: string[];
  /** Given names or initials that, written just before the surname, identify this person. */
  given?: string[];
  /** Words that, in the same passage or document, point to this entry when the name alone is ambiguous. */
  context?: string[];
}

const person = (id: string, label: string, names: string[], given: string[] = [], context: string[] = []): GazetteerEntry => ({
  id,
  kind: "person",
  label,
  names,
  given,
  context,
});
const place = (id: string, label: string, names: string[]): GazetteerEntry => ({ id, kind: "place", label, names });
const work = (id: string, label: string, names: string[]): GazetteerEntry => ({ id, kind: "work", label, names });

export const GAZETTEER: GazetteerEntry[] = [
  // Soviet side
  person("stalin", "Joseph Stalin", ["Stalin", "Сталин", "Josef Stalin", "Joseph Stalin"], ["Josef", "Joseph", "J. W.", "Iosif"]),
  person("molotov", "Vyacheslav Molotov", ["Molotov", "Molotow", "Молотов"], ["Vyacheslav", "Wjatscheslaw", "V. M."]),
  person("semyonov", "Vladimir S. Semyonov", ["Semyonov", "Semjonow", "Semenov", "Семёнов"], ["Vladimir", "Wladimir"], ["Stockholm", "counselor", "Deutschlandexperte"]),
  person("dekanozov", "Vladimir Dekanozov", ["Dekanozov", "Dekanosow", "Dekanov", "Деканозов"], ["Vladimir", "Wladimir"]),
  person("vinogradov-boris", "Boris Winogradow (Vinogradov), Soviet embassy Berlin 1933", ["Winogradow", "Vinogradov", "Виноградов"], ["Boris"], ["Berlin", "Stampfer", "Schiff", "1933", "Botschaftssekretär", "Presseabteilung", "Reichstagsbrand"]),
  person("vinogradov-konstantin", "Konstantin Vinogradov, Soviet legation Stockholm 1943", ["Vinogradov", "Winogradow", "Виноградов"], ["Konstantin"], ["Stockholm", "1943", "legation", "Gesandtschaft"]),
  person("kollontay", "Alexandra M. Kollontay", ["Kollontay", "Kollontai", "Коллонтай"], ["Alexandra", "A. M."]),
  person("yartsev", "Boris Yartsev", ["Yartsev", "Jarzew", "Ярцев"], ["Boris"]),
  person("nikitin", "Mikhail Nikitin", ["Nikitin", "Никитин"], ["Mikhail", "Michail"]),
  person("alexandrov", "A. M. Alexandrov", ["Alexandrov", "Alexandrow", "Александров"], ["A. M."]),
  person("beria", "Lavrenti P. Beria", ["Beria", "Berija", "Берия"], ["Lavrenti", "Lawrenti"]),
  person("litvinov", "Maxim Litvinov", ["Litvinov", "Litwinow", "Литвинов"], ["Maxim"]),
  person("maisky", "Ivan M. Maisky", ["Maisky", "Maiski", "Майский"], ["Ivan", "Iwan"]),
  person("gromyko", "Andrei Gromyko", ["Gromyko", "Gromyk", "Громыко"], ["Andrei", "Andrej"]),
  person("chicherin", "Georgy Chicherin", ["Chicherin", "Tschitscherin", "Чичерин"], ["Georgy", "Georgi"]),
  person("kandelaki", "David Kandelaki", ["Kandelaki", "Канделаки"], ["David"]),
  person("korneichuk", "Alexander E. Korneichuk", ["Korneichuk", "Korneitschuk", "Корнейчук"]),
  person("trotsky", "Leon Trotsky", ["Trotsky", "Trotzki", "Trotzkis", "Троцкий"], ["Leo", "Leon"]),
  person("manuilsky", "Dmitry Manuilsky", ["Manuilsky", "Manuilski", "Мануильский"], ["Dimitri", "Dmitri"]),
  person("yenukidze", "Avel Yenukidze", ["Yenukidze", "Jenukidse", "Енукидзе"], ["Awel", "Avel"]),
  person("krivitsky", "Walter Krivitsky", ["Krivitsky", "Kriwitzki", "Кривицкий"], ["Walter"]),
  person("khinchuk", "Lev Khinchuk", ["Khinchuk", "Chincuk", "Chinčuk", "Хинчук"]),
  person("falin", "Valentin Falin", ["Falin", "Фалин"], ["Valentin", "Valentin M."]),
  // German side
  person("hitler", "Adolf Hitler", ["Hitler", "Гитлер"], ["Adolf"]),
  person("ribbentrop", "Joachim von Ribbentrop", ["Ribbentrop", "Риббентроп"], ["Joachim"]),
  person("kleist-peter", "Peter Kleist", ["Kleist", "Peter Kleist"], ["Peter"]),
  person("clauss", "Edgar Clauss", ["Clauss", "Klauss", "Edgar Clauss", "Edgar Klauss"], ["Edgar"]),
  person("stauffenberg", "Claus Schenk Graf von Stauffenberg", ["Stauffenberg", "Claus von Stauffenberg", "Claus Graf Stauffenberg"], ["Claus"]),
  person("likus", "Rudolf Likus", ["Likus"], ["Rudolf"]),
  person("thomsen", "Hans Thomsen", ["Thomsen"], ["Hans"]),
  person("schmidt-paul", "Paul Schmidt (press section, German foreign office)", ["Schmidt"], ["Paul"], ["press", "Presse", "Stockholm"]),
  person("goebbels", "Joseph Goebbels", ["Goebbels", "Göbbels", "Геббельс"], ["Josef", "Joseph"]),
  person("schulenburg", "Friedrich-Werner Graf von der Schulenburg", ["Schulenburg", "Шуленбург"], ["Friedrich"]),
  person("hassell", "Ulrich von Hassell", ["Hassell"], ["Ulrich"]),
  person("goerdeler", "Carl Goerdeler", ["Goerdeler"], ["Karl", "Carl"]),
  person("jodl", "Alfred Jodl", ["Jodl"], ["Alfred"]),
  person("bormann", "Martin Bormann", ["Bormann", "Martin Bormann"], ["Martin"]),
  person("donitz", "Karl Dönitz", ["Dönitz", "Doenitz"], ["Karl"]),
  person("weidling", "Helmuth Weidling", ["Weidling"], ["Helmuth"]),
  person("stampfer", "Friedrich Stampfer", ["Stampfer"], ["Friedrich"]),
  person("schiff-victor", "Victor Schiff", ["Schiff"], ["Victor", "Viktor"], ["Stampfer", "Vorwärts", "Winogradow"]),
  person("ulbricht", "Walter Ulbricht", ["Ulbricht"], ["Walter"]),
  person("leonhard", "Wolfgang Leonhard", ["Leonhard"], ["Wolfgang"]),
  person("remmele", "Hermann Remmele", ["Remmele"], ["Hermann"]),
  // Allies, Axis, others
  person("churchill", "Winston Churchill", ["Churchill", "Черчилль"], ["Winston"]),
  person("roosevelt", "Franklin D. Roosevelt", ["Roosevelt", "FDR", "Рузвельт"], ["Franklin"]),
  person("eisenhower", "Dwight D. Eisenhower", ["Eisenhower"], ["Dwight"]),
  person("eden", "Anthony Eden", ["Eden"], ["Anthony"]),
  person("hull", "Cordell Hull", ["Hull"], ["Cordell"]),
  person("harriman", "W. Averell Harriman", ["Harriman"], ["Averell", "W. Averell"]),
  person("clark-kerr", "Sir Archibald Clark-Kerr", ["Clark-Kerr", "Clark Kerr"], ["Archibald"]),
  person("clarke-carter", "Colonel Carter W. Clarke, US Army Special Branch", ["Clark", "Clarke"], ["Carter"], ["Colonel", "Special Branch", "Venona"]),
  person("tedder", "Arthur W. Tedder", ["Tedder"], ["Arthur"]),
  person("donovan", "William J. Donovan", ["Donovan"], ["William"]),
  person("mussolini", "Benito Mussolini", ["Mussolini", "Муссолини"], ["Benito"]),
  person("ciano", "Galeazzo Ciano", ["Ciano"], ["Galeazzo"]),
  person("sato", "Naotake Sato", ["Sato"], ["Naotake"]),
  person("kennan", "George F. Kennan", ["Kennan"], ["George"]),
  person("mastny", "Vojtěch Mastný", ["Mastny", "Mastný"], ["Vojtech", "Vojtěch"]),
  person("martin-bernd", "Bernd Martin (historian)", ["Martin"], ["Bernd"], ["Michalka", "Friedensfrage"]),
  person("michalka", "Wolfgang Michalka", ["Michalka", "Michalke"], ["Wolfgang"]),
  person("hillgruber", "Andreas Hillgruber", ["Hillgruber"], ["Andreas"]),
  person("weinberg", "Gerhard L. Weinberg", ["Weinberg"], ["Gerhard"]),
  person("haslam", "Jonathan Haslam", ["Haslam"], ["Jonathan"]),
  person("kissinger", "Henry Kissinger", ["Kissinger"], ["Henry"]),
  person("magenheimer", "Heinz Magenheimer", ["Magenheimer"], ["Heinz"]),
  person("wedemeyer", "Albert C. Wedemeyer", ["Wedemeyer"], ["Albert"]),
  person("hopkins", "Harry Hopkins", ["Hopkins"], ["Harry"]),
  person("bohlen", "Charles Bohlen", ["Bohlen"], ["Charles"]),
  person("koenen", "Gerd Koenen", ["Koenen"], ["Gerd"]),
  person("allard", "Sven Allard", ["Allard"], ["Sven"]),

  // Places
  place("stockholm", "Stockholm", ["Stockholm", "Стокгольм"]),
  place("sweden", "Sweden", ["Sweden", "Schweden", "Swedish", "schwedisch", "Швеция"]),
  place("berlin", "Berlin", ["Berlin", "Берлин"]),
  place("moscow", "Moscow", ["Moscow", "Moskau", "Москва"]),
  place("stalingrad", "Stalingrad", ["Stalingrad", "Сталинград"]),
  place("kursk", "Kursk", ["Kursk", "Курск"]),
  place("casablanca", "Casablanca", ["Casablanca", "Касабланка"]),
  place("tehran", "Tehran", ["Teheran", "Tehran", "Тегеран"]),
  place("katyn", "Katyn", ["Katyn", "Katyń", "Катынь"]),
  place("rapallo", "Rapallo", ["Rapallo", "Рапалло"]),
  place("saltsjobaden", "Saltsjöbaden", ["Saltsjöbaden"]),
  place("normandy", "Normandy", ["Normandy", "Normandie", "Нормандия"]),
  place("japan", "Japan", ["Japan", "Japanese", "japanisch", "Japaner", "Япония"]),
  place("italy", "Italy", ["Italy", "Italien", "Italian", "Italiener", "Италия"]),
  place("poland", "Poland", ["Poland", "Polen", "Polish", "polnisch", "Poles", "Польша"]),
  place("finland", "Finland", ["Finland", "Finnland", "Finnish", "Helsinki"]),
  place("switzerland", "Switzerland", ["Switzerland", "Schweiz", "Swiss"]),
  place("caucasus", "Caucasus", ["Caucasus", "Kaukasus", "Кавказ"]),
  place("baltic", "Baltic states", ["Baltikum", "Baltic"]),
  place("east-prussia", "East Prussia", ["Ostpreußen", "East Prussia"]),
  place("balkans", "Balkans", ["Balkan", "Balkans"]),
  place("dardanelles", "Dardanelles", ["Dardanellen", "Dardanelles"]),
  place("washington", "Washington", ["Washington"]),
  place("london", "London", ["London", "Лондон"]),
  place("ukraine", "Ukraine", ["Ukraine", "Ukrainian", "ukrainisch"]),
  place("reims", "Reims", ["Reims"]),
  place("ardennes", "Ardennes", ["Ardennen", "Ardennes"]),
  place("brest-litovsk", "Brest-Litovsk", ["Brest-Litovsk", "Brest-Litowsk"]),

  // Cited works and periodicals
  work("kleist-european-tragedy", "Peter Kleist, Zwischen Hitler und Stalin / The European Tragedy", ["Zwischen Hitler und Stalin", "European Tragedy"]),
  work("kennan-russia-west", "George F. Kennan, Russia and the West under Lenin and Stalin (1961; German: Sowjetische Außenpolitik unter Lenin und Stalin)", ["Russia and the West under Lenin and Stalin", "Sowjetische Außenpolitik unter Lenin und Stalin"]),
  work("nya-dagligt-allehanda", "Nya Dagligt Allehanda (Swedish newspaper)", ["Nya Dagligt Allehanda"]),
  work("freies-deutschland", "Freies Deutschland (journal)", ["Freies Deutschland"]),
  work("pravda", "Pravda", ["Pravda", "Prawda", "Правда"]),
  work("izvestiia", "Izvestiia", ["Izvestiia", "Izvestia", "Iswestija", "Известия"]),
  work("vorwaerts", "Vorwärts (SPD paper)", ["Vorwärts"]),
  work("haslam-russias-cold-war", "Jonathan Haslam, Russia's Cold War", ["Russia's Cold War"]),
  work("mastny-russias-road", "Vojtěch Mastný, Russia's Road to the Cold War", ["Russia's Road to the Cold War"]),
  work("weinberg-visions", "Gerhard L. Weinberg, Visions of Victory", ["Visions of Victory"]),
  work("magenheimer-decisions", "Heinz Magenheimer, Germany's Key Strategic Decisions 1940-1945", ["Key Strategic Decisions"]),
  work("venona", "Venona (project / Haynes & Klehr)", ["Venona"]),
  work("ribbentrop-testimony", "Ribbentrop's testimony / memoirs", ["Testimony of Ribbentrop", "Ribbentrop Memoirs"]),
  work("goebbels-diaries", "The Goebbels Diaries", ["Goebbels Diaries"]),
  work("hassell-diaries", "The Von Hassell Diaries", ["Hassell Diaries"]),
  work("kissinger-diplomacy", "Henry Kissinger, Diplomacy", ["Diplomacy - Henry Kissinger", "Kissinger in Diplomacy"]),
];
