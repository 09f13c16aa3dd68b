import { HEADER } from "./format";

/**
 * Synthetic extraction rows in the national file's shape: invented people,
 * structures and cities, realistic in their mix. Deterministic for a seed,
 * so tests and benchmarks see the same file. No real data.
 */
const LAST = [
  "Martin",
  "Bernard",
  "Thomas",
  "Petit",
  "Robert",
  "Richard",
  "Durand",
  "Dubois",
  "Moreau",
  "Laurent",
  "Simon",
  "Michel",
  "Lefèvre",
  "Leroy",
  "Roux",
  "David",
  "Bertrand",
  "Morel",
  "Fournier",
  "Girard",
  "Bonnet",
  "Dupont",
  "Lambert",
  "Fontaine",
  "Rousseau",
  "Vincent",
  "Müller",
  "Lefebvre",
  "Faure",
  "André",
  "Mercier",
  "Blanc",
  "Guérin",
  "Boyer",
  "Garnier",
  "Chevalier",
  "François",
  "Legrand",
  "Gauthier",
  "Garcia",
  "Perrin",
  "Robin",
  "Clément",
  "Morin",
  "Nicolas",
  "Henry",
  "Roussel",
  "Mathieu",
  "Gautier",
  "Masson",
  "Marchand",
  "Duval",
  "Denis",
  "Dumont",
  "Marie",
  "Lemaire",
  "Noël",
  "Meyer",
  "Dufour",
  "Meunier",
  "Brun",
  "Blanchard",
  "Giraud",
  "Joly",
  "Rivière",
  "Lucas",
  "Brunet",
  "Gaillard",
  "Barbier",
  "Arnaud",
  "Martinez",
  "Gérard",
  "Roche",
  "Renard",
  "Schmitt",
  "Roy",
  "Leroux",
  "Colin",
  "Vidal",
  "Caron",
  "Picard",
  "Roger",
  "Fabre",
  "Aubert",
  "Lemoine",
  "Renaud",
  "Dumas",
  "Lacroix",
  "Olivier",
  "Philippe",
  "Bourgeois",
  "Pierre",
  "Benoît",
  "Rey",
  "Leclerc",
  "Payet",
  "Rolland",
  "Leclercq",
  "Guillaume",
  "Lecomte",
  "Benali",
  "Nguyen",
  "Ait Ali",
  "Da Silva",
  "N'Diaye",
  "Le Gall",
  "Le Goff",
  "Hoarau",
  "Kerjean",
];
const FIRST = [
  "Jean",
  "Marie",
  "Pierre",
  "Nathalie",
  "Michel",
  "Isabelle",
  "Philippe",
  "Sylvie",
  "Alain",
  "Catherine",
  "Nicolas",
  "Françoise",
  "Christophe",
  "Sandrine",
  "Patrick",
  "Valérie",
  "Stéphane",
  "Christine",
  "Éric",
  "Céline",
  "Frédéric",
  "Hélène",
  "Laurent",
  "Anne",
  "Julien",
  "Aurélie",
  "Olivier",
  "Élodie",
  "Thomas",
  "Chloé",
  "Antoine",
  "Léa",
  "Hugo",
  "Zoé",
  "Mathieu",
  "Inès",
  "Yannick",
  "Gaëlle",
  "Joël",
  "Maëlle",
  "Amine",
  "Fatima",
  "Kévin",
  "Océane",
  "Loïc",
  "Agnès",
  "Benoît",
  "Cécile",
  "Jérôme",
  "Émilie",
];
const PROFESSIONS: [string, string, string][] = [
  ["10", "Médecin", "C"],
  ["10", "Médecin", "C"],
  ["10", "Médecin", "C"],
  ["10", "Médecin", "C"],
  ["21", "Pharmacien", "C"],
  ["40", "Chirurgien-dentiste", "C"],
  ["50", "Sage-femme", "C"],
  ["60", "Infirmier", "C"],
  ["60", "Infirmier", "C"],
  ["70", "Masseur-kinésithérapeute", "C"],
];
const SPECIALTIES: [string, string][] = [
  ["SM26", "Qualifié en Médecine Générale"],
  ["SM26", "Qualifié en Médecine Générale"],
  ["SM26", "Qualifié en Médecine Générale"],
  ["SM04", "Cardiologie et maladies vasculaires"],
  ["SM15", "Dermatologie et vénéréologie"],
  ["SM20", "Gastro-entérologie et hépatologie"],
  ["SM32", "Neurologie"],
  ["SM38", "Oto-rhino-laryngologie"],
  ["SM40", "Pédiatrie"],
  ["SM42", "Pneumologie"],
  ["SM43", "Psychiatrie"],
  ["SM44", "Radio-diagnostic"],
  ["SM47", "Rhumatologie"],
  ["SM02", "Anesthésie-réanimation"],
  ["SM19", "Gynécologie-obstétrique"],
  ["SM34", "Ophtalmologie"],
  ["SM53", "Endocrinologie, diabète, maladies métaboliques"],
  ["SM48", "Néphrologie"],
];
const CITIES: [string, string, string][] = [
  ["75002", "PARIS", "75"],
  ["75013", "PARIS", "75"],
  ["69003", "LYON", "69"],
  ["13005", "MARSEILLE", "13"],
  ["31000", "TOULOUSE", "31"],
  ["33000", "BORDEAUX", "33"],
  ["59000", "LILLE", "59"],
  ["44000", "NANTES", "44"],
  ["67000", "STRASBOURG", "67"],
  ["34000", "MONTPELLIER", "34"],
  ["35000", "RENNES", "35"],
  ["06000", "NICE", "06"],
  ["21000", "DIJON", "21"],
  ["29200", "BREST", "29"],
  ["63000", "CLERMONT-FERRAND", "63"],
  ["87000", "LIMOGES", "87"],
  ["20000", "AJACCIO", "2A"],
  ["20200", "BASTIA", "2B"],
  ["97400", "SAINT-DENIS", "974"],
  ["80000", "AMIENS", "80"],
  ["37000", "TOURS", "37"],
  ["45000", "ORLÉANS", "45"],
  ["51100", "REIMS", "51"],
  ["38000", "GRENOBLE", "38"],
  ["74000", "ANNECY", "74"],
];
const STREETS = [
  "DE LA PAIX",
  "VICTOR HUGO",
  "DE LA RÉPUBLIQUE",
  "JEAN JAURÈS",
  "DES HÔPITAUX",
  "PASTEUR",
  "DU GÉNÉRAL DE GAULLE",
  "DES LILAS",
  "DU MARCHÉ",
  "SAINT-MICHEL",
];
const SERVICES = [
  "cardiologie",
  "pediatrie",
  "urgences",
  "radiologie",
  "maternite",
  "pneumologie",
  "neurologie",
  "oncologie",
  "secretariat-medical",
  "laboratoire",
  "pharmacie",
  "coordination",
];
const OPERATOR: Record<string, string> = {
  "10": "medecin",
  "21": "pharmacien",
  "40": "chirurgiendentiste",
  "50": "sagefemme",
  "60": "infirmier",
  "70": "kine",
};

/** mulberry32: a small seeded generator, enough for synthetic data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** `count` rows (string fields, 31 each), ~8 % shared boxes, a few duplicate addresses as in the real file. */
export function* generateRows(count: number, seed = 42): Generator<string[]> {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  let last: string[] | null = null;
  for (let i = 0; i < count; i++) {
    if (last && rand() < 0.002) {
      yield last; // the extraction holds a few duplicates
      continue;
    }
    const [postcode, city, dep] = pick(CITIES);
    const street = `${1 + Math.floor(rand() * 120)}||R|${pick(STREETS)}`;
    if (rand() < 0.08) {
      const service = pick(SERVICES);
      const structure = `CENTRE HOSPITALIER DE ${city}`;
      const address = `${service}.${i}@ch-${slug(city)}.mssante.fr`;
      last = [
        "ORG",
        address,
        "",
        "",
        "",
        "1",
        String(100000000 + i),
        service.replace(/-/g, " "),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "True",
        structure,
        "",
        "",
        "",
        ...street.split("|"),
        "",
        `${postcode} ${city}`,
        postcode,
        dep,
        "99100",
      ];
    } else {
      const lastName = pick(LAST);
      const firstName = pick(FIRST);
      const [code, profession, category] = pick(PROFESSIONS);
      const [skill, skillLabel] = code === "10" ? pick(SPECIALTIES) : ["", ""];
      const rpps = String(10000000000 + i);
      const address = `${slug(firstName)}.${slug(lastName)}.${i}@${OPERATOR[code]}.mssante.fr`;
      const civility = code === "10" || code === "40" ? "DR" : rand() < 0.5 ? "M" : "MME";
      last = [
        "PER",
        address,
        "8",
        rpps,
        `8${rpps}`,
        "3",
        String(30000000000000 + i),
        "",
        civility,
        lastName.toUpperCase(),
        firstName,
        category,
        "Civil",
        code,
        profession,
        skill,
        skillLabel,
        "True",
        `CABINET ${lastName.toUpperCase()}`,
        "",
        "",
        "",
        ...street.split("|"),
        "",
        `${postcode} ${city}`,
        postcode,
        dep,
        "99100",
      ];
    }
    yield last;
  }
}

/** The whole file as lines, header first. */
export function* generateLines(count: number, seed = 42): Generator<string> {
  yield HEADER;
  for (const fields of generateRows(count, seed)) yield fields.join("|");
}
