/**
 * What any form may say of a refused or failed request: needed wherever a form is (sign-in included), so apart
 * from the mail pages' strings (lib/i18n/fr-mail.ts, which re-exports them, as lib/i18n/fr.ts does).
 */

import { formatBytes } from "./format";

export const requests = {
  lengthRequired: "Requête refusée : la taille du contenu envoyé n'est pas annoncée.",
  tooLarge: (max: number) => `Envoi refusé : il dépasse ${formatBytes(max)}, la taille maximale d'un formulaire.`,
  malformed: "Requête refusée : le contenu envoyé est illisible ou mal formé.",
  failed: "L'envoi n'a pas abouti. Ce que vous avez saisi est conservé : réessayez.",
} as const;

export const errors = {
  notFound: "Introuvable : cet élément n'existe pas ou vous n'y avez pas accès.",
  notFoundTitle: "Introuvable",
  accessWithdrawn:
    "Votre accès à cette boîte vous a été retiré. Pour le retrouver, adressez-vous au responsable de la boîte ou au gestionnaire de votre structure.",
  accessWithdrawnTitle: "Accès retiré",
  badOrigin: "Requête refusée : origine inconnue.",
  invalidForm: "Le formulaire contient des erreurs.",
  unexpected: "Une erreur inattendue est survenue. Réessayez.",
  recipientRequired: "Indiquez au moins un destinataire.",
  subjectTooLong: "L'objet ne doit pas dépasser 998 caractères.",
  bodyTooLong: "Le message est trop long.",
  tooManyRecipients: (max: number) => `Pas plus de ${max} destinataires par message.`,
  invalidAddress: (raw: string) => `« ${raw} » n'est pas une adresse électronique valide.`,
  groupAddress: (raw: string) => `« ${raw} » est un groupe : indiquez les adresses une à une.`,
  outsideTrustSpace: (address: string) => `« ${address} » n'appartient pas à l'espace de confiance MSSanté : ce destinataire est refusé.`,
  invalidIns: (address: string) => `« ${address} » n'est pas une adresse patient valide : le matricule INS est incorrect.`,
  patientSubdomain: (address: string) =>
    `« ${address} » n'est pas une adresse patient valide : une adresse patient s'écrit <matricule INS>@patient.mssante.fr, sans sous-domaine.`,
  localTooLong: (address: string, max: number) => `« ${address} » : la partie avant « @ » est trop longue (${max} caractères au plus).`,
  domainTooLong: (address: string, max: number) => `« ${address} » : le nom de domaine est trop long (${max} caractères au plus).`,
  labelLength: (address: string, max: number) =>
    `« ${address} » : chaque partie du nom de domaine, entre deux points, compte de 1 à ${max} caractères.`,
  hyphenLabel: (address: string) =>
    `« ${address} » : une partie du nom de domaine commence ou finit par un tiret, ou porte deux tirets en 3e et 4e position.`,
  notCanonical: (address: string) =>
    `« ${address} » n'est pas écrite sous sa forme normale : elle contient des caractères trompeurs ou invisibles (lettres pleine chasse, ligatures, espaces sans largeur, points d'une autre écriture…). Saisissez l'adresse en caractères ordinaires.`,
  quotedLocal: (address: string) =>
    `« ${address} » : la partie avant « @ » ne peut être entre guillemets (ni contenir d'espace, de « @ » ou de virgule).`,
  invalidFolder: "Dossier inconnu.",
  alreadySent: (who: string, when: string) => `Ce message a déjà été envoyé par ${who} le ${when}.`,
} as const;
