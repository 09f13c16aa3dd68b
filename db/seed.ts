import { count } from "drizzle-orm";
import { entryFrom, toEntry } from "@/lib/annuaire/format";
import { generateRows } from "@/lib/annuaire/generate";
import { hashSecret } from "@/lib/api/tokens";
import { hashPassword } from "@/lib/auth/password";
import { newMessageId, storeCopy, type MessageCopy } from "@/lib/mail/deliver";
import type { Folder } from "@/lib/mail/folders";
import type { Db, Queryable } from "./client";
import { apiTokens, delegations, directoryEntries, mailboxes, messageReads, replyTemplates, structures, users } from "./schema";

export const DEMO_PASSWORD = "Demo-MSSante-2026";

/** The demo's API token for the applicative box: as public as the demo's password, and only ever seeded with it. */
export const DEMO_API_TOKEN = "mss_demo-comptes-rendus-ch-troispics-2026";

/** The demo accounts, printed at start-up and used by the tests. */
export const DEMO_ACCOUNTS = [
  { login: "jean.dupont", who: "Dr Jean Dupont, cardiologue (CH des Trois Pics)" },
  { login: "marie.durand", who: "Marie Durand, secrétaire médicale, déléguée sur la boîte Cardiologie" },
  { login: "sophie.bernard", who: "Sophie Bernard, responsable de structure (CH des Trois Pics)" },
  { login: "claire.martin", who: "Dr Claire Martin, médecin généraliste (Maison de santé du Val)" },
  { login: "lucie.petit", who: "Lucie Petit, secrétaire médicale, prépare les brouillons de Cardiologie (sans droit d'envoi)" },
  { login: "paul.girard", who: "Paul Girard, secrétaire médical, sans délégation" },
  { login: "nadia.benali", who: "Nadia Benali, secrétaire médicale, délégation Cardiologie échue" },
  { login: "luc.moreau", who: "Luc Moreau, responsable de la Maison de santé du Val" },
  { login: "admin.operateur", who: "Administrateur de l'opérateur (liste blanche)" },
] as const;

type Sample = {
  daysAgo: number;
  folder: Folder;
  from: [string, string];
  to?: [string, string][];
  subject: string;
  body: string;
  read?: boolean;
};

const signature = (name: string) => `\n\nBien cordialement,\n${name}`;

// Invented correspondents and patients; every address is in the trust space.
const BIO: [string, string] = ["Laboratoire Bio Val de Saône", "resultats@bio-valdesaone.mssante.fr"];
const PHARMA: [string, string] = ["Pharmacie du Marché", "pharmacie.marche@pharmacien.mssante.fr"];
const LEROY: [string, string] = ["Dr Antoine Leroy", "antoine.leroy@medecin.mssante.fr"];
const URGENCES: [string, string] = ["Urgences CH Trois Pics", "urgences@ch-troispics.mssante.fr"];
const RADIO: [string, string] = ["Imagerie médicale du Val", "secretariat@imagerie-duval.mssante.fr"];
const IDE: [string, string] = ["Cabinet infirmier des Tilleuls", "ide.tilleuls@infirmier.mssante.fr"];
const PATIENT: [string, string] = ["Mme Hélène Roux", "284097512300109@patient.mssante.fr"];

function claireSamples(claire: [string, string], jean: [string, string], cardio: [string, string]): Sample[] {
  const me = claire[0];
  return [
    {
      daysAgo: 0.1,
      folder: "inbox",
      from: BIO,
      subject: "Résultats de bilan biologique — M. Bernard GIRAUD",
      body: "Docteur,\n\nVeuillez trouver ci-dessous les résultats du bilan prescrit le 12/11 pour M. Bernard GIRAUD (né le 03/04/1951).\n\nHbA1c : 7,9 % (valeur précédente 7,2 %)\nCréatinine : 98 µmol/L — DFG (CKD-EPI) : 68 mL/min/1,73 m²\nLDL-cholestérol : 1,42 g/L\n\nLe compte rendu complet suit par courrier.",
    },
    {
      daysAgo: 0.3,
      folder: "inbox",
      from: cardio,
      subject: "Compte rendu de consultation cardiologique — Mme Josette FAURE",
      body: "Chère consœur,\n\nJ'ai vu en consultation Mme Josette FAURE, 74 ans, pour dyspnée d'effort NYHA II.\n\nECG : rythme sinusal, pas de trouble de repolarisation.\nÉchocardiographie : FEVG 55 %, insuffisance mitrale minime.\n\nConclusion : pas de cardiopathie évolutive. Je propose une épreuve d'effort à 6 mois.\n\nDr Jean Dupont, cardiologue",
    },
    {
      daysAgo: 1,
      folder: "inbox",
      from: PHARMA,
      subject: "Question sur une ordonnance — M. Paul LEMAIRE",
      body:
        "Bonjour Docteur,\n\nM. Paul LEMAIRE présente une ordonnance associant amiodarone et simvastatine 40 mg. Souhaitez-vous adapter la posologie de la statine ?\n\nMerci de votre retour." +
        signature("Pharmacie du Marché"),
    },
    {
      daysAgo: 1.4,
      folder: "inbox",
      from: URGENCES,
      subject: "Lettre de liaison — passage aux urgences de M. Lucas MOREL",
      body: "Madame,\n\nVotre patient M. Lucas MOREL (32 ans) a été pris en charge aux urgences le 20/11 pour entorse de la cheville droite.\n\nRadiographie : pas de fracture.\nTraitement : contention, antalgiques de palier 1, kinésithérapie à J10.\n\nNous vous remercions de le revoir en consultation sous 10 jours.",
    },
    {
      daysAgo: 2,
      folder: "inbox",
      from: RADIO,
      subject: "Compte rendu d'échographie abdominale — Mme Nadia BENALI",
      body:
        "Échographie abdominale du 19/11 : foie de taille normale, discrètement hyperéchogène (stéatose). Vésicule alithiasique. Reins sans particularité.\n\nConclusion : stéatose hépatique modérée." +
        signature("Dr Élise Caron, radiologue"),
    },
    {
      daysAgo: 2.5,
      folder: "inbox",
      from: PATIENT,
      subject: "RE : Préparation de votre consultation",
      body: "Bonjour Docteur,\n\nJe vous confirme ma venue jeudi. J'apporterai mes dernières analyses et la liste de mes traitements.\n\nHélène Roux",
      read: true,
    },
    {
      daysAgo: 3,
      folder: "inbox",
      from: IDE,
      subject: "Suivi des pansements — M. André VIDAL",
      body:
        "Bonjour,\n\nL'ulcère de jambe de M. André VIDAL évolue favorablement : bourgeonnement, pas de signe d'infection. Nous poursuivons les pansements hydrocolloïdes tous les 3 jours.\n\nFaut-il renouveler la prescription de soins infirmiers pour un mois ?" +
        signature("Cabinet infirmier des Tilleuls"),
      read: true,
    },
    {
      daysAgo: 4,
      folder: "inbox",
      from: LEROY,
      subject: "Demande d'avis — douleur thoracique atypique",
      body: "Chère Claire,\n\nJe remplace le Dr Petit cette semaine et vois une patiente de 58 ans avec douleurs thoraciques atypiques, ECG normal. As-tu un correspondant cardiologue disponible rapidement au CH des Trois Pics ?\n\nAmicalement,\nAntoine",
      read: true,
    },
    {
      daysAgo: 5,
      folder: "inbox",
      from: BIO,
      subject: "Résultat critique — INR 4,8 — Mme Lucienne PERRIN",
      body: "Docteur,\n\nRésultat critique pour Mme Lucienne PERRIN (née le 11/09/1940), sous AVK : INR à 4,8 ce jour. Patiente prévenue de vous contacter.\n\nLe biologiste de garde reste joignable au standard.",
      read: true,
    },
    {
      daysAgo: 6,
      folder: "inbox",
      from: jean,
      subject: "Avis cardiologique — M. Henri BLANC",
      body: "Chère consœur,\n\nM. Henri BLANC peut reprendre la marche active progressive. Je maintiens le bisoprolol 2,5 mg et je le reverrai dans 3 mois avec un Holter.\n\nConfraternellement,\nDr Jean Dupont",
      read: true,
    },
    {
      daysAgo: 7,
      folder: "inbox",
      from: PHARMA,
      subject: "Rupture de stock — lévothyroxine 75 µg",
      body:
        "Bonjour,\n\nNous rencontrons une rupture sur la lévothyroxine 75 µg. Nous proposons aux patients une substitution 50 + 25 µg en attendant le réapprovisionnement." +
        signature("Pharmacie du Marché"),
      read: true,
    },
    {
      daysAgo: 8,
      folder: "inbox",
      from: RADIO,
      subject: "Compte rendu de mammographie de dépistage — Mme Claire VASSEUR",
      body:
        "Mammographie bilatérale de dépistage : ACR 1 bilatéral. Pas d'anomalie. Prochain dépistage dans 2 ans." +
        signature("Imagerie médicale du Val"),
      read: true,
    },
    {
      daysAgo: 9,
      folder: "inbox",
      from: URGENCES,
      subject: "Lettre de liaison — M. Kevin ROCHE",
      body: "M. Kevin ROCHE a consulté pour colique néphrétique gauche simple. Scanner : calcul de 4 mm de l'uretère lombaire. Sortie avec AINS et tamisage des urines.",
      read: true,
    },
    {
      daysAgo: 10,
      folder: "inbox",
      from: IDE,
      subject: "Bilan de soins infirmiers — Mme Odette GARNIER",
      body: "Bonjour Docteur,\n\nMme Odette GARNIER a présenté une glycémie capillaire à 2,9 g/L ce matin. Nous avons majoré l'insuline rapide selon le protocole. Pouvez-vous confirmer le schéma ?",
      read: true,
    },
    {
      daysAgo: 11,
      folder: "inbox",
      from: BIO,
      subject: "Résultats de bilan biologique — Mme Sarah KLEIN",
      body: "TSH : 4,2 mUI/L. T4 libre : 13 pmol/L. Anticorps anti-TPO négatifs.",
      read: true,
    },
    {
      daysAgo: 12,
      folder: "archive",
      from: LEROY,
      subject: "Remplacement du 2 au 6 décembre",
      body: "Chère Claire,\n\nJe te confirme mon remplacement du 2 au 6 décembre. Peux-tu me transmettre les codes du logiciel et la liste des visites à domicile ?\n\nAntoine",
      read: true,
    },
    {
      daysAgo: 14,
      folder: "archive",
      from: BIO,
      subject: "Résultats de bilan biologique — M. Yves TESSIER",
      body: "PSA total : 1,8 ng/mL. Ferritine : 112 µg/L.",
      read: true,
    },
    {
      daysAgo: 16,
      folder: "archive",
      from: RADIO,
      subject: "Compte rendu de radiographie thoracique — M. Didier COLIN",
      body: "Radiographie thoracique de face : pas de foyer parenchymateux, pas d'épanchement. Silhouette cardiaque normale.",
      read: true,
    },
    {
      daysAgo: 18,
      folder: "archive",
      from: cardio,
      subject: "Convocation pour épreuve d'effort — Mme Josiane MARCHAND",
      body: "Bonjour,\n\nL'épreuve d'effort de Mme Josiane MARCHAND est programmée le 3 décembre à 9 h 30 au service de cardiologie (bâtiment B, 2e étage).\n\nLe secrétariat de cardiologie",
      read: true,
    },
    {
      daysAgo: 20,
      folder: "archive",
      from: PHARMA,
      subject: "Préparation des piluliers — EHPAD Les Glycines",
      body: "Bonjour,\n\nLes piluliers de la semaine prochaine sont prêts. Merci de nous signaler les modifications de traitement avant jeudi.",
      read: true,
    },
    {
      daysAgo: 25,
      folder: "trash",
      from: PHARMA,
      subject: "Horaires d'ouverture pendant les fêtes",
      body: "La pharmacie sera fermée le 25 décembre et le 1er janvier.",
      read: true,
    },
    {
      daysAgo: 1.2,
      folder: "sent",
      from: claire,
      to: [PHARMA],
      subject: "RE : Question sur une ordonnance — M. Paul LEMAIRE",
      body:
        "Bonjour,\n\nMerci pour votre vigilance. Je remplace la simvastatine par de la rosuvastatine 5 mg ; nouvelle ordonnance déposée à votre attention." +
        signature(me),
      read: true,
    },
    {
      daysAgo: 3.5,
      folder: "sent",
      from: claire,
      to: [PATIENT],
      subject: "Préparation de votre consultation",
      body: "Bonjour Madame Roux,\n\nPour votre consultation de jeudi, merci d'apporter vos dernières analyses de sang et la liste de vos traitements.\n\nDr Claire Martin",
      read: true,
    },
    {
      daysAgo: 4.2,
      folder: "sent",
      from: claire,
      to: [LEROY],
      subject: "RE : Demande d'avis — douleur thoracique atypique",
      body: "Cher Antoine,\n\nTu peux adresser ta patiente au Dr Jean Dupont, cardiologie du CH des Trois Pics (cardiologie@ch-troispics.mssante.fr). Le secrétariat répond dans la journée.\n\nClaire",
      read: true,
    },
    {
      daysAgo: 9.5,
      folder: "sent",
      from: claire,
      to: [IDE],
      subject: "RE : Bilan de soins infirmiers — Mme Odette GARNIER",
      body: "Je confirme le schéma d'adaptation. Merci de me transmettre les glycémies de la semaine." + signature(me),
      read: true,
    },
    {
      daysAgo: 13,
      folder: "sent",
      from: claire,
      to: [jean],
      subject: "Adressage — M. Henri BLANC",
      body: "Cher confrère,\n\nJe vous adresse M. Henri BLANC, 67 ans, pour bilan d'une dyspnée d'effort récente. Antécédents : HTA, tabagisme sevré.\n\nConfraternellement,\nDr Claire Martin",
      read: true,
    },
  ];
}

function cardioSamples(cardio: [string, string], jean: [string, string], claire: [string, string]): Sample[] {
  return [
    {
      daysAgo: 0.05,
      folder: "inbox",
      from: LEROY,
      subject: "Demande de rendez-vous — Mme Colette ARNAUD",
      body: "Bonjour,\n\nPourriez-vous proposer un rendez-vous de consultation à Mme Colette ARNAUD, 58 ans, pour douleurs thoraciques atypiques ? ECG normal, troponine négative.\n\nMerci,\nDr Antoine Leroy",
    },
    {
      daysAgo: 0.2,
      folder: "inbox",
      from: claire,
      subject: "Demande d'échocardiographie — Mme Josette FAURE",
      body: "Bonjour,\n\nPouvez-vous programmer une échocardiographie de contrôle pour Mme Josette FAURE avant sa consultation de mars ?\n\nDr Claire Martin",
    },
    {
      daysAgo: 0.9,
      folder: "inbox",
      from: URGENCES,
      subject: "Transfert — M. Roger BRUN",
      body: "M. Roger BRUN, 81 ans, admis pour décompensation cardiaque gauche, est transféré dans votre service ce soir. Dossier transmis.",
      read: true,
    },
    {
      daysAgo: 2,
      folder: "inbox",
      from: BIO,
      subject: "Résultats — NT-proBNP — M. Roger BRUN",
      body: "NT-proBNP : 4 850 pg/mL. Troponine Tus : 32 ng/L.",
      read: true,
    },
    {
      daysAgo: 3,
      folder: "inbox",
      from: IDE,
      subject: "Retour à domicile — M. Albert HUET",
      body: "Nous assurerons le suivi du poids et des œdèmes de M. Albert HUET à son retour à domicile. Merci de nous transmettre l'ordonnance de sortie.",
      read: true,
    },
    {
      daysAgo: 6,
      folder: "archive",
      from: RADIO,
      subject: "Coronarographie — créneaux de décembre",
      body: "Créneaux disponibles pour coronarographie : 4, 11 et 18 décembre matin.",
      read: true,
    },
    {
      daysAgo: 1.1,
      folder: "sent",
      from: cardio,
      to: [URGENCES],
      subject: "RE : Transfert — M. Roger BRUN",
      body: "Bien reçu, un lit est réservé en unité de soins intensifs cardiologiques.\n\nLe secrétariat de cardiologie",
      read: true,
    },
    {
      daysAgo: 0.6,
      folder: "inbox",
      from: LEROY,
      subject: "Merci pour la prise en charge rapide",
      body: "Bonjour,\n\nMerci pour la prise en charge rapide de ma patiente la semaine dernière.\n\nDr Antoine Leroy",
    },
    {
      daysAgo: 8,
      folder: "inbox",
      from: jean,
      subject: "Planning des consultations de décembre",
      body: "Bonjour Marie,\n\nJe serai en congrès du 8 au 10 décembre : merci de décaler mes consultations.\n\nJean",
      read: true,
    },
  ];
}

const addr = ([name, address]: [string, string]) => ({ address, name });

async function storeSample(db: Queryable, mailboxId: string, sample: Sample, defaultTo: [string, string], readers: string[]) {
  const date = new Date(Date.now() - sample.daysAgo * 86_400_000);
  const copy: MessageCopy = {
    messageId: newMessageId(sample.from[1]),
    inReplyTo: null,
    references: [],
    from: addr(sample.from),
    sender: null,
    to: (sample.to ?? [defaultTo]).map(addr),
    cc: [],
    bcc: [],
    subject: sample.subject,
    bodyText: sample.body,
    sentAt: date,
  };
  const id = await storeCopy(db, mailboxId, sample.folder, copy, { receivedAt: date });
  if (sample.read) for (const userId of readers) await db.insert(messageReads).values({ messageId: id, userId });
}

/** Fill an empty database with the demo structures, people, boxes and messages. */
export async function seed(db: Db) {
  const [{ n }] = await db.select({ n: count() }).from(structures);
  if (n > 0) return { seeded: false as const };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [ch, msp] = await tx
      .insert(structures)
      .values([
        { name: "Centre hospitalier des Trois Pics", finess: "990000017", domain: "ch-troispics.mssante.fr" },
        { name: "Maison de santé du Val", finess: "990000025", domain: "msp-duval.mssante.fr" },
      ])
      .returning();
    const [jean, marie, sophie, claire, lucie, , nadia] = await tx
      .insert(users)
      .values([
        {
          structureId: ch.id,
          login: "jean.dupont",
          firstName: "Jean",
          lastName: "Dupont",
          civility: "DR",
          rpps: "10003456789",
          profession: "Médecin",
          specialty: "Cardiologie et maladies vasculaires",
          role: "professional",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "marie.durand",
          firstName: "Marie",
          lastName: "Durand",
          profession: "Secrétaire médicale",
          role: "secretary",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "sophie.bernard",
          firstName: "Sophie",
          lastName: "Bernard",
          profession: "Responsable du système d'information",
          role: "manager",
          passwordHash,
        },
        {
          structureId: msp.id,
          login: "claire.martin",
          firstName: "Claire",
          lastName: "Martin",
          civility: "DR",
          rpps: "10009876543",
          profession: "Médecin",
          specialty: "Médecine générale",
          role: "professional",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "lucie.petit",
          firstName: "Lucie",
          lastName: "Petit",
          profession: "Secrétaire médicale",
          role: "secretary",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "paul.girard",
          firstName: "Paul",
          lastName: "Girard",
          profession: "Secrétaire médical",
          role: "secretary",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "nadia.benali",
          firstName: "Nadia",
          lastName: "Benali",
          profession: "Secrétaire médicale",
          role: "secretary",
          passwordHash,
        },
        {
          structureId: msp.id,
          login: "luc.moreau",
          firstName: "Luc",
          lastName: "Moreau",
          profession: "Coordinateur de la maison de santé",
          role: "manager",
          passwordHash,
        },
        {
          structureId: ch.id,
          login: "admin.operateur",
          firstName: "Alex",
          lastName: "Operateur",
          profession: "Administrateur de la messagerie",
          role: "admin",
          passwordHash,
        },
      ])
      .returning();
    const [jeanBox, cardioBox, appBox, claireBox] = await tx
      .insert(mailboxes)
      .values([
        {
          address: "jean.dupont@ch-troispics.mssante.fr",
          type: "PER",
          structureId: ch.id,
          displayName: "Dr Jean Dupont",
          holderUserId: jean.id,
        },
        {
          address: "cardiologie@ch-troispics.mssante.fr",
          type: "ORG",
          structureId: ch.id,
          displayName: "Cardiologie — CH des Trois Pics",
          description: "Secrétariat du service de cardiologie",
          responsibleUserId: jean.id,
        },
        {
          address: "claire.martin@msp-duval.mssante.fr",
          type: "PER",
          structureId: msp.id,
          displayName: "Dr Claire Martin",
          holderUserId: claire.id,
        },
      ])
      .returning()
      .then(async ([j, c, cl]) => {
        const [app] = await tx
          .insert(mailboxes)
          .values({
            address: "comptes-rendus_noreply@ch-troispics.mssante.fr",
            type: "APP",
            structureId: ch.id,
            displayName: "Comptes rendus — CH des Trois Pics",
            linkedMailboxId: c.id,
            hidden: true,
          })
          .returning();
        return [j, c, app, cl];
      });
    const day = 86_400_000;
    await tx.insert(delegations).values([
      // Delegated before the demo mail arrived: it counts as unread for them (db/migrations/0017).
      {
        mailboxId: cardioBox.id,
        userId: marie.id,
        rights: ["read", "edit", "send"],
        grantedBy: sophie.id,
        validFrom: new Date(Date.now() - 90 * day),
      },
      {
        mailboxId: cardioBox.id,
        userId: lucie.id,
        rights: ["read", "edit"],
        grantedBy: sophie.id,
        validFrom: new Date(Date.now() - 90 * day),
      },
      // A replacement that ended yesterday: kept for the record, no longer usable.
      {
        mailboxId: cardioBox.id,
        userId: nadia.id,
        rights: ["read", "edit", "send"],
        grantedBy: sophie.id,
        validFrom: new Date(Date.now() - 30 * day),
        validUntil: new Date(Date.now() - day),
      },
    ]);

    // The secretariat's « réponses types »: « {nom} » is the first recipient's name.
    await tx.insert(replyTemplates).values([
      {
        mailboxId: cardioBox.id,
        name: "Confirmation de rendez-vous",
        body: "Bonjour {nom},\n\nNous vous confirmons le rendez-vous de votre patient en cardiologie le [date] à [heure], au 2e étage, bâtiment B. Merci de lui rappeler d'apporter ses derniers examens et son traitement en cours.\n\nBien cordialement,\n",
        updatedBy: sophie.id,
      },
      {
        mailboxId: cardioBox.id,
        name: "Demande de pièces complémentaires",
        body: "Bonjour {nom},\n\nPour donner suite à votre demande, pourriez-vous nous adresser les pièces suivantes : [pièces]. Le dossier sera étudié dès leur réception.\n\nBien cordialement,\n",
        updatedBy: sophie.id,
      },
    ]);

    await tx.insert(apiTokens).values({
      mailboxId: appBox.id,
      label: "DPI de démonstration",
      secretHash: hashSecret(DEMO_API_TOKEN),
      prefix: DEMO_API_TOKEN.slice(0, 10),
      createdBy: sophie.id,
    });

    const j: [string, string] = [jeanBox.displayName, jeanBox.address];
    const c: [string, string] = [cardioBox.displayName, cardioBox.address];
    const cl: [string, string] = [claireBox.displayName, claireBox.address];
    for (const s of claireSamples(cl, j, c)) await storeSample(tx, claireBox.id, s, cl, [claire.id]);
    for (const s of cardioSamples(c, j, cl)) await storeSample(tx, cardioBox.id, s, c, [jean.id, marie.id]);
    // The annuaire: the boxes hosted here as published, and synthetic colleagues around them.
    const published = [
      entryFrom({
        address: jeanBox.address,
        type: "PER",
        rpps: jean.rpps,
        civility: "DR",
        lastName: "DUPONT",
        firstName: "Jean",
        professionCode: "10",
        profession: "Médecin",
        specialty: "Cardiologie et maladies vasculaires",
        service: null,
        structure: ch.name.toUpperCase(),
        city: "GRENOBLE",
        postcode: "38000",
        departement: "38",
      }),
      entryFrom({
        address: cardioBox.address,
        type: "ORG",
        rpps: null,
        civility: null,
        lastName: null,
        firstName: null,
        professionCode: null,
        profession: null,
        specialty: null,
        service: "Cardiologie",
        structure: ch.name.toUpperCase(),
        city: "GRENOBLE",
        postcode: "38000",
        departement: "38",
      }),
      entryFrom({
        address: claireBox.address,
        type: "PER",
        rpps: claire.rpps,
        civility: "DR",
        lastName: "MARTIN",
        firstName: "Claire",
        professionCode: "10",
        profession: "Médecin",
        specialty: "Qualifié en Médecine Générale",
        service: null,
        structure: msp.name.toUpperCase(),
        city: "VIF",
        postcode: "38450",
        departement: "38",
      }),
    ];
    const unique = new Map([...published, ...[...generateRows(3000, 7)].map(toEntry)].map((e) => [e.address, e]));
    const entries = [...unique.values()];
    for (let i = 0; i < entries.length; i += 500) await tx.insert(directoryEntries).values(entries.slice(i, i + 500));
    await storeSample(
      tx,
      jeanBox.id,
      {
        daysAgo: 13,
        folder: "inbox",
        from: cl,
        subject: "Adressage — M. Henri BLANC",
        body: "Cher confrère,\n\nJe vous adresse M. Henri BLANC, 67 ans, pour bilan d'une dyspnée d'effort récente.\n\nDr Claire Martin",
        read: true,
      },
      j,
      [jean.id],
    );
    return { seeded: true as const };
  });
}

/** The accounts of the second operator's demo (`SEED_DEMO=peer`): another instance to exchange mail with across the border. */
export const PEER_ACCOUNTS = [{ login: "hugo.lambert", who: "Dr Hugo Lambert, pneumologue (Clinique du Lac, autre opérateur)" }] as const;

/** Fill an empty database as another operator: one clinic on its own domain, one professional with his box. */
export async function seedPeer(db: Db) {
  const [{ n }] = await db.select({ n: count() }).from(structures);
  if (n > 0) return { seeded: false as const };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [clinic] = await tx
      .insert(structures)
      .values({ name: "Clinique du Lac", finess: "990000033", domain: "clinique-dulac.mssante.fr" })
      .returning();
    const [hugo] = await tx
      .insert(users)
      .values({
        structureId: clinic.id,
        login: "hugo.lambert",
        firstName: "Hugo",
        lastName: "Lambert",
        civility: "DR",
        rpps: "10100000099",
        profession: "Médecin",
        specialty: "Pneumologie",
        role: "professional",
        passwordHash,
      })
      .returning();
    await tx.insert(mailboxes).values({
      address: "hugo.lambert@clinique-dulac.mssante.fr",
      type: "PER",
      structureId: clinic.id,
      displayName: "Dr Hugo Lambert",
      holderUserId: hugo.id,
    });
    return { seeded: true as const };
  });
}
