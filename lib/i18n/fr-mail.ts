/**
 * The strings of the mail pages' client components (list, sidebar, selection, shortcuts, folders, delivery, printing): apart
 * from lib/i18n/fr.ts, which includes them, so those components ship these sections only. They import the
 * module whole, `import * as fr from "@/lib/i18n/fr-mail"`, and read `fr.list.…` as anywhere else.
 */

import { formatBytes } from "./format";

export { errors, requests } from "./fr-forms";

export const nav = {
  mailboxes: "Boîtes aux lettres",
  folders: "Dossiers",
  compose: "Nouveau message",
  logout: "Se déconnecter",
  unread: (n: number) => (n === 0 ? "aucun non lu" : n === 1 ? "1 non lu" : `${n} non lus`),
  mainNav: "Navigation de la messagerie",
  skipToContent: "Aller au contenu",
  sections: "Rubriques",
  mail: "Messagerie",
} as const;

export const live = {
  newMail: (n: number) => (n === 1 ? "1 nouveau message" : `${n} nouveaux messages`),
} as const;

export const folders = {
  inbox: "Réception",
  sent: "Envoyés",
  drafts: "Brouillons",
  archive: "Archives",
  trash: "Corbeille",
} as const;

export const list = {
  empty: "Aucun message dans ce dossier.",
  unread: "Non lu",
  next: "Messages plus anciens",
  first: "Retour aux plus récents",
  noSubject: "(sans objet)",
  sentBy: (person: string, box: string) => `Envoyé par ${person} pour ${box}`,
  preparedBy: (person: string) => `Préparé par ${person}`,
  all: "Tous les messages",
  assignedToMe: "Assignés à moi",
  patients: "Patients",
  filter: "Filtrer",
  messages: "Messages",
  previous: "Messages plus récents",
  position: (first: number, last: number, total: number) =>
    `${first.toLocaleString("fr-FR")}–${last.toLocaleString("fr-FR")} sur ${total.toLocaleString("fr-FR")}`,
  attachment: "Pièce jointe",
  xdm: "Documents structurés",
  select: (subject: string) => `Sélectionner « ${subject} »`,
  selectPage: "Sélectionner les messages de cette page",
  selected: (n: number) => (n === 1 ? "1 message sélectionné" : `${n.toLocaleString("fr-FR")} messages sélectionnés`),
  selectAll: (n: number) => `Sélectionner les ${n.toLocaleString("fr-FR")} messages du dossier`,
  allSelected: (n: number) => `Les ${n.toLocaleString("fr-FR")} messages du dossier sont sélectionnés.`,
  clearSelection: "Annuler la sélection",
  pane: "Liste des messages",
  bulk: "Actions sur la sélection",
  markRead: "Marquer comme lu",
  markUnread: "Marquer comme non lu",
  flag: "Suivre",
  unflag: "Ne plus suivre",
  done: "Traité",
  notDone: "À traiter de nouveau",
  todo: "À traiter",
  doneBy: (person: string, when: string) => `Traité par ${person} le ${when}`,
  moveTo: "Déplacer vers",
  apply: "Appliquer",
  undo: "Annuler",
  moved: (n: number, folder: string) =>
    n === 1 ? `1 message déplacé vers ${folder}.` : `${n.toLocaleString("fr-FR")} messages déplacés vers ${folder}.`,
  changed: (n: number) => (n === 1 ? "1 message modifié." : `${n.toLocaleString("fr-FR")} messages modifiés.`),
  undone: (n: number) => (n === 1 ? "1 message remis à sa place." : `${n.toLocaleString("fr-FR")} messages remis à leur place.`),
  noMessageOpen: "Aucun message ouvert",
  noMessageHint: "Choisissez un message dans la liste pour le lire ici.",
  fullPage: "Pleine page",
  withList: "Afficher la liste",
  /** A toggle (aria-pressed): the same words pressed or not. */
  widen: "Liste large",
  menu: "Dossiers et boîtes",
  closeMenu: "Fermer",
} as const;

export const shortcuts = {
  title: "Raccourcis clavier",
  open: "Afficher les raccourcis clavier",
  close: "Fermer",
  intro: "Les raccourcis ne s'appliquent pas pendant la saisie dans un champ.",
  keys: [
    ["j / ↓", "Message suivant"],
    ["k / ↑", "Message précédent"],
    ["Entrée / o", "Ouvrir le message"],
    ["u", "Revenir à la liste"],
    ["r", "Répondre"],
    ["a", "Répondre à tous"],
    ["f", "Transférer"],
    ["c", "Nouveau message"],
    ["e", "Archiver"],
    ["#", "Mettre à la corbeille"],
    ["s", "Suivre / ne plus suivre"],
    ["x", "Sélectionner le message"],
    ["/", "Rechercher"],
    ["?", "Afficher cette liste"],
  ] as const,
} as const;

export const message = {
  actions: "Actions sur le message",
  moreActions: "Plus d'actions",
  from: "De",
  sender: "Envoyé par",
  to: "À",
  cc: "Cc",
  bcc: "Cci",
  replyTo: "Répondre à",
  receivedVia: "Reçu via",
  via: (address: string) => `via ${address.split("@")[0]}`,
  date: "Date",
  reply: "Répondre",
  replyAll: "Répondre à tous",
  forward: "Transférer",
  archive: "Archiver",
  trash: "Mettre à la corbeille",
  restore: "Remettre en réception",
  deleteForever: "Supprimer définitivement",
  confirmDeleteForever: "Supprimer ce message pour de bon ? Cela ne peut pas être annulé.",
  confirmDelete: "Supprimer",
  markUnread: "Marquer comme non lu",
  back: "Retour à la liste",
  showQuoted: "Afficher le texte cité",
  earlier: (n: number) => (n === 1 ? "1 message plus ancien" : `${n} messages plus anciens`),
  thread: "Conversation",
  moved: "Message déplacé.",
  deleted: "Message supprimé définitivement.",
  markedUnread: "Message marqué comme non lu.",
  flag: "Suivre",
  unflag: "Ne plus suivre",
  flagged: "Suivi",
  assignTo: "Assigner à",
  assign: "Assigner",
  nobody: "Personne",
  assignedTo: (name: string) => `Assigné à ${name}`,
  assignSaved: (name: string) => `Message assigné à ${name}.`,
  unassignSaved: "Le message n'est plus assigné.",
  assignNoAccess: "Cette personne n'a pas accès à la boîte.",
  readBy: "Lu par",
  readByNobody: "Lu par personne d'autre",
  htmlBody: "Contenu du message",
  imagesBlocked: (n: number) =>
    `${n === 1 ? "Une image distante a été bloquée" : `${n} images distantes ont été bloquées`} pour protéger votre confidentialité.`,
  showImages: "Afficher les images",
  tooComplex: "Message trop complexe pour être affiché",
  downloadOriginal: "télécharger l'original",
} as const;

/** Conversations with patients through Mon espace santé (docs/domain.md §3). */
export const patients = {
  region: "Conversation avec un patient",
  badge: "Patient",
  ins: (formatted: string) => `INS ${formatted}`,
  open: (since: string) => `Échange ouvert depuis le ${since} : le patient peut répondre.`,
  closed: (when: string, who: string | null) => `Échange clos le ${when}${who ? ` par ${who}` : ""} : le patient ne peut plus répondre.`,
  reopenHint: "Votre prochain message à ce patient rouvre un nouvel échange.",
  software: (label: string) => `le logiciel « ${label} »`,
  errors: {
    onePatient: "Un seul patient par message : écrivez séparément à chaque patient.",
    closeWithoutPatient: "« Bloquer la réponse du patient » ne s'applique qu'à un message adressé à un patient.",
    tooLarge: (max: number) => `Un message à un patient ne peut dépasser ${formatBytes(max)}, pièces jointes comprises.`,
  },
} as const;

/** Requests refused before any action reads them (proxy.ts, the upload routes), and what a form says when its request failed. */
export const notifications = {
  label: "Notifications de bureau",
  enable: "Activer les notifications",
  disable: "Désactiver les notifications",
  enabled: "Vous êtes averti des nouveaux messages de vos boîtes.",
  denied: "Le navigateur bloque les notifications de ce site : autorisez-les dans ses réglages pour les activer.",
  hideDetails: "Masquer l'expéditeur et l'objet",
  newIn: (mailbox: string) => `Nouveau message dans ${mailbox}`,
  badCursor: "Paramètre « since » invalide : une date ISO 8601 est attendue.",
} as const;

/** In-place confirmations of what cannot be undone (components/ui/confirm-button.tsx). */
export const confirm = {
  cancel: "Annuler",
} as const;

/** The box's own folders (lib/mail/folder-specs.ts, components/mail/folder-manager.tsx). */
export const customFolders = {
  heading: "Dossiers de la boîte",
  create: "Nouveau dossier",
  createTitle: "Créer un dossier",
  name: "Nom du dossier",
  parent: "Emplacement",
  topLevel: "Au premier niveau",
  inside: (name: string) => `Dans « ${name} »`,
  submitCreate: "Créer le dossier",
  rename: "Renommer",
  renameTitle: (name: string) => `Renommer « ${name} »`,
  submitRename: "Renommer le dossier",
  remove: "Supprimer le dossier",
  removeTitle: (name: string) => `Supprimer « ${name} » ?`,
  removeEmpty: "Le dossier est vide : il sera supprimé.",
  removeHeld: (n: number) =>
    n === 1
      ? "Le dossier contient 1 message. Où le déplacer ?"
      : `Le dossier contient ${n.toLocaleString("fr-FR")} messages. Où les déplacer ?`,
  moveTo: "Déplacer le contenu vers",
  confirmRemove: "Supprimer",
  cancel: "Annuler",
  manage: "Gérer le dossier",
  count: (total: number) => (total === 1 ? "1 message" : `${total.toLocaleString("fr-FR")} messages`),
  nameMissing: "Donnez un nom au dossier.",
  nameTooLong: (max: number) => `Le nom du dossier dépasse ${max} caractères.`,
  nameInvalid: "Le nom du dossier contient des caractères de contrôle.",
  nameTaken: (name: string) => `Un dossier « ${name} » existe déjà à cet emplacement.`,
  tooDeep: "Un sous-dossier ne peut pas contenir d'autres dossiers.",
  hasChildren: "Ce dossier contient des sous-dossiers : supprimez-les d'abord.",
  moveToMissing: (n: number) =>
    n === 1
      ? "Choisissez où déplacer le message du dossier."
      : `Choisissez où déplacer les ${n.toLocaleString("fr-FR")} messages du dossier.`,
  moveToSelf: "Choisissez un autre dossier que celui que vous supprimez.",
  deleted: "Dossier supprimé.",
  fileIn: "Classer dans",
  file: "Classer",
} as const;

export const delivery = {
  title: "Acheminement vers les autres messageries",
  sending: "en cours d'envoi",
  retrying: (time: string) => `nouvelle tentative à ${time}`,
  retryingOn: (day: string, time: string) => `nouvelle tentative le ${day} à ${time}`,
  delivered: (domain: string, when: string) => `remis au serveur de ${domain} le ${when}`,
  failed: "échec",
  /** Why Mon espace santé refused a patient's copy, read from the status code of its answer (docs/domain.md §3). */
  patientFailures: {
    "5.1.1": "échec : patient non trouvé",
    "5.1.2": "échec : adresse patient invalide",
    "5.2.1": "échec : messagerie du patient fermée",
    "5.2.2": "échec : messagerie du patient fermée",
    "5.2.3": "échec : message trop volumineux pour un patient (25 Mo au plus)",
    "5.3.4": "échec : message trop volumineux pour un patient (25 Mo au plus)",
    "5.7.1": "échec : le patient s'est opposé à recevoir des messages",
  } as Record<string, string>,
  reason: (text: string) => `Motif : ${text}`,
  response: (text: string) => `Réponse du serveur : ${text}`,
  readOn: (when: string) => `lu le ${when}`,
  /** Marks in the Envoyés list. */
  pending: (n: number) => (n === 1 ? "En cours d'envoi pour 1 destinataire" : `En cours d'envoi pour ${n} destinataires`),
  undelivered: (n: number) => (n === 1 ? "Non remis à 1 destinataire" : `Non remis à ${n} destinataires`),
} as const;

export const print = {
  title: (subject: string) => `${subject} — Impression`,
  print: "Imprimer",
  back: "Retour",
  mailbox: "Boîte",
  subject: "Objet",
  attachments: "Pièces jointes",
} as const;
