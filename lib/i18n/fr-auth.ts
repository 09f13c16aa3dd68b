/**
 * The strings of the sign-in and password pages' client components. Apart from lib/i18n/fr.ts, which
 * includes them, so those components ship these sections only (`import * as fr from "@/lib/i18n/fr-auth"`).
 */

export const login = {
  title: "Connexion",
  intro: "Connectez-vous à votre messagerie sécurisée de santé.",
  login: "Identifiant",
  password: "Mot de passe",
  submit: "Se connecter",
  psc: "Se connecter avec Pro Santé Connect",
  pscHelp: "Avec l'application e-CPS ou votre carte CPS.",
  or: "ou, pour un compte de démonstration",
  passwordOff: "La connexion par mot de passe est désactivée : connectez-vous avec Pro Santé Connect.",
  invalid: "Identifiant ou mot de passe incorrect.",
  expired: "Votre session a expiré après une période d'inactivité. Veuillez vous reconnecter.",
  loggedOut: "Vous êtes déconnecté.",
  missing: "Saisissez votre identifiant et votre mot de passe.",
  /** Said alike whether the login exists or not. */
  locked: (minutes: number) =>
    `Trop de tentatives de connexion : réessayez dans ${minutes <= 1 ? "une minute" : `${minutes} minutes`}. Si vous avez oublié votre mot de passe, adressez-vous au gestionnaire de votre structure.`,
  loginTooLong: (max: number) => `Identifiant trop long : ${max.toLocaleString("fr-FR")} caractères au plus.`,
  passwordTooLong: (max: number) => `Mot de passe trop long : ${max.toLocaleString("fr-FR")} caractères au plus.`,
} as const;

export const password = {
  title: "Changer de mot de passe",
  link: "Mot de passe",
  intro: "Vos autres sessions ouvertes (autres navigateurs, autres postes) seront fermées.",
  current: "Mot de passe actuel",
  next: "Nouveau mot de passe",
  nextHelp: "12 caractères au moins.",
  confirm: "Confirmez le nouveau mot de passe",
  submit: "Changer le mot de passe",
  changed: (ended: number) =>
    ended === 0
      ? "Mot de passe changé."
      : `Mot de passe changé. ${ended === 1 ? "Votre autre session a été fermée." : `Vos ${ended} autres sessions ont été fermées.`}`,
  currentMissing: "Saisissez votre mot de passe actuel.",
  currentWrong: "Mot de passe actuel incorrect.",
  tooShort: (min: number) => `Le nouveau mot de passe doit compter ${min} caractères au moins.`,
  tooLong: (max: number) => `Le nouveau mot de passe ne doit pas dépasser ${max.toLocaleString("fr-FR")} caractères.`,
  same: "Le nouveau mot de passe doit différer de l'actuel.",
  mismatch: "Les deux saisies du nouveau mot de passe diffèrent.",
  noPassword: "Votre compte n'a pas de mot de passe : vous vous connectez par Pro Santé Connect.",
} as const;
