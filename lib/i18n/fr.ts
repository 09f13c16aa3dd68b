/** Every string shown to a person, in one place so a translation can follow. */

import type { AuditReason } from "@/lib/errors";
import * as admin from "./fr-admin";
import * as auth from "./fr-auth";
import * as compose from "./fr-compose";
import * as mail from "./fr-mail";
import { formatBytes } from "./format";
import { app, errorPage } from "./fr-shell";

export { formatBytes };

export const fr = {
  app,
  ...mail,
  ...auth,
  ...compose,
  ...admin,

  search: {
    label: "Rechercher dans les messages",
    /** Short enough for the sidebar's field; the label says the rest. */
    placeholder: "Mots, expéditeur…",
    submit: "Rechercher",
    title: "Recherche",
    filters: "Filtres de recherche",
    words: "Mots recherchés",
    from: "De",
    to: "À ou Cc",
    after: "Reçus à partir du",
    before: "Reçus jusqu'au",
    attachments: "Avec pièce jointe",
    unread: "Non lus seulement",
    all: "Dans toutes mes boîtes",
    results: "Résultats de la recherche",
    none: "Aucun message ne correspond à cette recherche.",
    prompt: "Saisissez des mots ou choisissez un filtre.",
    next: "Résultats plus anciens",
    inFolder: (box: string, folder: string) => `${box} — ${folder}`,
    attachment: "Pièce jointe",
  },
  mailboxType: {
    PER: "Nominative",
    ORG: "Organisationnelle",
    APP: "Applicative",
    CAB: "Cabinet",
  },

  xdm: {
    title: "Documents de santé",
    intro: "Documents structurés joints (IHE_XDM.ZIP), décrits par leurs métadonnées :",
    document: "Document",
    type: "Type",
    date: "Date",
    patient: "Patient",
    ins: (ins: string, kind: string | null) => `INS ${ins}${kind ? ` (${kind})` : ""}`,
    untitled: "Document sans titre",
    refused: (reason: string) => `L'archive IHE_XDM.ZIP n'a pas été ouverte : ${reason}`,
    noMetadata: "elle ne contient pas de fichier METADATA.XML.",
    unreadable: "ce n'est pas une archive ZIP lisible.",
    tooManyEntries: (max: number) => `elle contient plus de ${max} fichiers.`,
    tooLarge: "ses fichiers, une fois décompressés, seraient trop volumineux.",
    badPath: "un de ses fichiers porte un chemin absolu ou qui sort de l'archive.",
    noDocument: "son fichier METADATA.XML ne décrit aucun document.",
    severalPatients: "ses documents concernent plusieurs patients : un seul patient par message.",
    invalidIns: (ins: string) => `le matricule INS « ${ins} » de ses métadonnées est invalide (clé incorrecte ou forme inconnue).`,
    onlyOne: "Une seule archive IHE_XDM.ZIP par message (un seul patient par message).",
  },
  people: {
    title: "Personnes",
    intro:
      "Les comptes de votre structure. Un compte désactivé ne peut plus se connecter : ses sessions ouvertes prennent fin à sa prochaine action, ses boîtes et délégations restent en place.",
    name: "Nom",
    login: "Identifiant",
    role: "Rôle",
    status: "État",
    actions: "Actions",
    active: "Actif",
    disabledSince: (when: string) => `Désactivé depuis le ${when}`,
    you: "Vous",
    disable: "Désactiver",
    enable: "Réactiver",
    disableNamed: (name: string) => `Désactiver le compte de ${name}`,
    enableNamed: (name: string) => `Réactiver le compte de ${name}`,
    roles: {
      professional: "Professionnel de santé",
      secretary: "Secrétariat",
      manager: "Responsable de structure",
      admin: "Administration de l'opérateur",
    },
    notices: {
      disabled: "Le compte est désactivé : ses sessions ouvertes ont pris fin.",
      enabled: "Le compte est réactivé : la personne peut de nouveau se connecter.",
    },
    errors: {
      self: "Vous ne pouvez pas désactiver votre propre compte.",
      alreadyDisabled: "Ce compte est déjà désactivé.",
      alreadyEnabled: "Ce compte est déjà actif.",
    },
  },
  /** The JSON API (lib/http/api-route.ts): every `detail` of a problem answer. */
  api: {
    unauthenticated: "Authentification requise : connectez-vous, ou présentez un jeton d'accès (en-tête Authorization: Bearer …).",
    invalidToken: "Jeton d'accès invalide, expiré ou révoqué.",
    rateLimited: (seconds: number) => `Trop de requêtes : réessayez dans ${seconds} s.`,
    idempotencyKeyMissing: "L'en-tête Idempotency-Key est obligatoire : une valeur unique par message (1 à 255 caractères imprimables).",
    idempotencyKeyReused:
      "Cette clé Idempotency-Key a déjà servi pour une autre requête : choisissez une nouvelle clé pour un nouveau message.",
    unsupportedType: "Type de contenu non pris en charge : envoyez application/json ou multipart/form-data.",
    invalidJson: "Le corps de la requête n'est pas un JSON valide.",
    tooLarge: (max: string) => `Requête trop volumineuse : ${max} au plus.`,
    fileField: "Les fichiers s'envoient dans des champs « attachments ».",
    tooManyFiles: (max: number) => `Pas plus de ${max} pièces jointes par message.`,
    badAttachment: 'Chaque pièce jointe JSON s\'écrit { "filename": …, "content": <contenu en base64> }.',
    signInRequired: "Connexion requise : connectez-vous pour continuer.",
  },
  /** API tokens of an applicative box, on the Délégations screen. */

  audit: {
    title: "Journal d'audit",
    intro: "Traces des actions sur les boîtes de la structure, de ses personnes et de ses logiciels. Jamais le contenu des messages.",
    person: "Personne",
    mailbox: "Boîte",
    action: "Action",
    result: "Résultat",
    from: "Du",
    to: "Au",
    any: "Toutes",
    anyone: "Tout le monde",
    filter: "Filtrer",
    reset: "Effacer les filtres",
    export: "Exporter en CSV",
    empty: "Aucune trace pour ces filtres.",
    older: "Entrées plus anciennes",
    newest: "Retour aux plus récentes",
    at: "Date",
    target: "Cible",
    reason: "Motif",
    ip: "Adresse IP",
    userAgent: "Navigateur",
    system: "Système",
    software: (label: string, prefix: string) => `Logiciel : ${label} (${prefix}…)`,
    otherSoftware: "Logiciel d'une autre structure",
    chainIntact: (n: number) => `Chaîne d'intégrité vérifiée : ${n} entrée${n > 1 ? "s" : ""} intacte${n > 1 ? "s" : ""}.`,
    chainBroken: (id: number) => `Chaîne d'intégrité rompue à l'entrée n° ${id} : le journal a été modifié hors de l'application.`,
    results: { success: "Réussite", refused: "Refus", error: "Erreur" },
    /** What a trace is about (db/queries/audit-targets.ts): never a subject, a correspondent or a file name. */
    targets: {
      message: (folder: string, at: string) => `Message (${folder}, ${at})`,
      messageGone: "Message supprimé depuis",
      attachment: (message: string) => `Pièce jointe — ${message}`,
      delegation: (person: string) => `Délégation de ${person}`,
      token: (label: string) => `Jeton « ${label} »`,
      folder: (name: string) => `Dossier « ${name} »`,
      folderGone: "Dossier supprimé depuis",
      delivery: (domain: string) => `Remise vers ${domain}`,
      batch: (n: number) => (n === 1 ? "Lot de 1 message" : `Lot de ${n.toLocaleString("fr-FR")} messages`),
    },
    /** The machine codes of refusals, as a manager reads them (lib/errors.ts). */
    reasons: {
      bad_request: "Requête mal formée",
      idempotency_key_missing: "Clé d'idempotence absente",
      unauthenticated: "Non connecté",
      invalid_token: "Jeton inconnu, expiré ou révoqué",
      bad_origin: "Origine de la requête refusée",
      not_allowed: "Droit insuffisant",
      not_found: "Introuvable ou hors d'accès",
      conflict: "Conflit",
      already_sent: "Déjà envoyé",
      length_required: "Taille de la requête absente",
      too_large: "Trop volumineux",
      unsupported_type: "Type de contenu non pris en charge",
      idempotency_key_reused: "Clé d'idempotence déjà utilisée",
      too_many: "Trop d'éléments",
      invalid_input: "Saisie invalide",
      untrusted_recipient: "Destinataire hors de l'espace de confiance",
      unreadable_file: "Fichier illisible",
      rate_limited: "Trop de requêtes",
      unexpected: "Erreur inattendue",
      unknown_login: "Identifiant inconnu",
      bad_password: "Mot de passe erroné",
      account_disabled: "Compte désactivé",
      login_locked: "Connexion suspendue après trop d'échecs",
      too_many_failures: "Trop d'échecs de connexion",
      unknown_rpps: "RPPS sans compte dans cette messagerie",
      psc_no_rpps: "Identité Pro Santé Connect sans RPPS",
      psc_id_token: "Jeton d'identité Pro Santé Connect invalide",
      psc_acr: "Niveau d'authentification insuffisant",
      psc_userinfo: "Informations d'identité Pro Santé Connect invalides",
      psc_state: "Réponse de Pro Santé Connect sans rapport avec la demande (state)",
      psc_nonce: "Jeton d'identité rejoué ou d'une autre demande (nonce)",
      psc_expired: "Jeton d'identité expiré",
      psc_cancelled: "Connexion interrompue chez Pro Santé Connect",
      psc_invalid_response: "Réponse de Pro Santé Connect invalide",
      tls_required: "Chiffrement exigé",
      client_certificate_required: "Certificat client exigé",
      untrusted_sender: "Expéditeur hors de l'espace de confiance",
      unknown_recipient: "Destinataire inconnu",
      patient_not_allowed: "Patient sans conversation ouverte",
      too_many_recipients: "Trop de destinataires",
      remote_deferred: "Remise différée par le serveur distant",
      remote_rejected: "Refus du serveur distant",
      retry_expired: "Délai de nouvelles tentatives dépassé",
    } satisfies Record<AuditReason, string>,
    actions: {
      "session.login": "Connexion",
      "session.logout": "Déconnexion",
      "session.expired": "Session expirée",
      "session.lock": "Connexion suspendue",
      "password.change": "Mot de passe changé",
      "mailbox.open": "Ouverture de boîte",
      "message.read": "Consultation",
      "message.send": "Envoi",
      "message.receive": "Réception",
      "message.move": "Déplacement",
      "message.delete": "Suppression",
      "message.mark_unread": "Marqué non lu",
      "message.flag": "Suivi",
      "message.assign": "Assignation",
      "message.import": "Import de message",
      "message.receipt": "Accusé de lecture",
      "attachment.add": "Ajout de pièce jointe",
      "attachment.remove": "Retrait de pièce jointe",
      "attachment.download": "Téléchargement de pièce jointe",
      "message.export": "Téléchargement de l'original d'un message",
      "whitelist.import": "Import de la liste blanche",
      "annuaire.import": "Import de l'annuaire",
      "draft.save": "Brouillon",
      "draft.delete": "Suppression de brouillon",
      "delegation.grant": "Délégation accordée",
      "delegation.revoke": "Délégation révoquée",
      "token.create": "Jeton d'accès créé",
      "token.revoke": "Jeton d'accès révoqué",
      "mailbox.create": "Création de boîte",
      "mailbox.link": "Liaison de boîte applicative",
      "person.disable": "Compte désactivé",
      "person.enable": "Compte réactivé",
      "audit.export": "Export du journal",
      "audit.purge": "Purge du journal",
      "transport.receive": "Réception d'un autre opérateur",
      "transport.deliver": "Remise à un autre opérateur",
      "message.done": "Traité",
      "triage.read": "Lot marqué lu",
      "triage.unread": "Lot marqué non lu",
      "triage.flag": "Lot suivi",
      "triage.move": "Lot déplacé",
      "triage.assign": "Lot assigné",
      "triage.done": "Lot traité",
      "triage.undo": "Déplacement annulé",
      "folder.create": "Dossier créé",
      "folder.rename": "Dossier renommé",
      "folder.delete": "Dossier supprimé",
      "message.schedule": "Envoi différé",
      "message.unschedule": "Envoi annulé",
      "template.save": "Réponse type enregistrée",
      "template.delete": "Réponse type supprimée",
      "signature.save": "Signature de la boîte modifiée",
    },
  },
  /** SMTP replies to other operators (sent as ASCII: accents are dropped on the wire). */
  smtp: {
    banner: "Messagerie MSSanté : réservé aux opérateurs de l'espace de confiance",
    tlsRequired: "Chiffrement requis : utilisez STARTTLS avant MAIL FROM",
    clientCertificateRequired: "Certificat client requis pour les opérateurs de l'espace de confiance",
    untrustedSender: (domain: string) => `Expéditeur refusé : le domaine ${domain} n'appartient pas à l'espace de confiance MSSanté`,
    invalidSender: "Adresse d'expéditeur invalide",
    unknownRecipient: "Destinataire inconnu sur ce serveur",
    patientNotAllowed:
      "Message de patient refusé : aucune conversation ouverte avec cette boîte (le professionnel écrit le premier, et peut clore l'échange)",
    tooManyRecipients: (max: number) => `Pas plus de ${max} destinataires par message`,
    tooLarge: (max: number) => `Message trop volumineux : ${Math.floor(max / (1024 * 1024))} Mo au plus`,
    unreadable: "Message illisible : en-têtes ou structure MIME invalides",
    accepted: (copies: number) => `Message reçu et enregistré (${copies} boîte${copies > 1 ? "s" : ""})`,
    tryLater: "Erreur temporaire : réessayez plus tard",
  },
  /** Delivery status notifications (RFC 3464) put in the sending box. */
  bounces: {
    from: "Système de messagerie",
    subject: (subject: string) => `Message non remis : ${subject}`,
    intro: (subject: string, recipient: string) => `Votre message « ${subject} » n'a pas pu être remis à ${recipient}.`,
    refused: (domain: string) => `Le serveur de ${domain} l'a refusé définitivement.`,
    expired: (attempts: number, since: string) =>
      `Le serveur du destinataire n'a pas pu être joint ou l'a différé : ${attempts} tentatives depuis le ${since}, sans succès. L'envoi est abandonné.`,
    response: (response: string) => `Réponse du serveur : ${response}`,
    advice: "Vérifiez l'adresse dans l'annuaire, puis renvoyez le message si besoin. Le message d'origine est joint.",
    originalName: "message-d-origine.eml",
  },
  receipts: {
    subject: (subject: string) => `Accusé de lecture : ${subject}`,
    body: (subject: string, sent: string, read: string, box: string) =>
      `Votre message « ${subject} » envoyé le ${sent} a été lu le ${read} par ${box}.\n\nCet accusé confirme l'affichage du message, pas sa compréhension ni l'accord du destinataire.`,
    asked: "L'expéditeur demande un accusé de lecture.",
    send: "Envoyer l'accusé de lecture",
    decline: "Ne pas envoyer",
    readOn: (date: string) => `Lu le ${date}`,
  },

  importEml: {
    title: "Importer un message (.eml)",
    file: "Fichier du message (.eml)",
    submit: "Importer",
    missingFile: "Choisissez un fichier .eml.",
    tooLarge: (max: number) => `Fichier trop volumineux : un message importé ne peut dépasser ${formatBytes(max)}.`,
    unreadable: "Ce fichier n'est pas un message électronique lisible (.eml) : aucun expéditeur n'y figure.",
    unparsable: "Ce fichier n'est pas un message électronique lisible (.eml).",
    headersTooLarge: (max: number) =>
      `Ce message n'est pas importé : ses en-têtes dépassent ${formatBytes(max)} (en-tête démesuré ou en-têtes par milliers).`,
    tooManyParts: (max: number) =>
      `Ce message n'est pas importé : il compte plus de ${max.toLocaleString("fr-FR")} parties MIME (parties imbriquées ou jointes par milliers).`,
  },
  listeBlanche: {
    title: "Liste blanche",
    intro:
      "Domaines de l'espace de confiance MSSanté. Une fois importée, la liste officielle remplace la règle par défaut (mssante.fr et ses sous-domaines).",
    current: (n: number) =>
      n === 0 ? "Aucune liste importée : la règle par défaut s'applique." : `${n} domaines dans la liste en vigueur.`,
    file: "Fichier XML de la liste blanche",
    import: "Importer",
    imported: (a: number, r: number, u: number) => `Liste importée : ${a} ajouté(s), ${r} retiré(s), ${u} inchangé(s).`,
    errors: {
      malformed: (line: number, msg: string) => `Fichier XML mal formé (ligne ${line}) : ${msg}. La liste en vigueur est conservée.`,
      namespace:
        "Ce fichier n'est pas une liste blanche MSSanté (espace de noms attendu : https://listeblanche.mssante.fr/schema). La liste en vigueur est conservée.",
      empty: "Le fichier ne contient aucun domaine. La liste en vigueur est conservée.",
      badDomain: (position: number, name: string) => `Domaine n° ${position} invalide : « ${name} ». La liste en vigueur est conservée.`,
      missingFile: "Choisissez un fichier XML.",
      tooLarge: "Fichier trop volumineux pour une liste blanche (10 Mo au plus).",
    },
  },

  home: {
    noMailboxTitle: "Aucune boîte aux lettres",
    noMailbox:
      "Aucune boîte aux lettres ne vous est accessible pour le moment. Si vous deviez en disposer, contactez le responsable de votre structure.",
  },
  notFoundPage: {
    back: "Retour à la messagerie",
  },
  errorPage,
  loading: {
    folder: "Chargement des messages…",
    thread: "Chargement de la conversation…",
    search: "Recherche en cours…",
  },
  /** Bulk triage and the shared box's "Traité" state (lib/mail/triage-specs.ts). */
  triage: {
    tooMany: (max: number) =>
      `Pas plus de ${max.toLocaleString("fr-FR")} messages à la fois : choisissez « tous les messages du dossier ».`,
    emptySelection: "Aucun message sélectionné.",
  },

  /** « Réponses types » of a box (lib/templates, components/templates). */

  /** A Pro Santé Connect login refused (app/connexion-refusee). */
  pscRefused: {
    title: "Connexion refusée",
    back: "Revenir à la page de connexion",
    reasons: {
      unknown_rpps:
        "Pro Santé Connect vous a bien identifié, mais votre numéro RPPS n'est associé à aucun compte de cette messagerie. Demandez au gestionnaire de votre structure, ou au support de votre opérateur MSSanté, d'ouvrir votre compte avec votre RPPS.",
      account_disabled: "Votre compte est désactivé. Adressez-vous au gestionnaire de votre structure.",
      psc_no_rpps:
        "Votre identité Pro Santé Connect ne porte pas de numéro RPPS : cette messagerie est réservée aux professionnels enregistrés au RPPS.",
      psc_acr:
        "Le niveau d'authentification transmis par Pro Santé Connect est insuffisant. Reconnectez-vous avec l'application e-CPS ou votre carte CPS.",
      psc_cancelled: "La connexion a été interrompue chez Pro Santé Connect. Vous pouvez réessayer.",
    } as Record<string, string>,
    unverified:
      "La réponse de Pro Santé Connect n'a pas pu être vérifiée : par sécurité, la connexion est refusée. Réessayez ; si cela se reproduit, contactez le support de votre opérateur.",
  },
  /** A person changing her own password (lib/auth/password-spec.ts). */

  /** A box's own signature (lib/mail/signature-spec.ts, components/delegations/box-signature.tsx). */
} as const;
