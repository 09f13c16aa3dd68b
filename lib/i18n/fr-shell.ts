/**
 * The strings an error boundary needs when everything else failed. Apart from lib/i18n/fr.ts (which
 * includes them) because the error boundaries are bundled on their own: importing all of fr there shipped
 * three copies of it to every page.
 */
export const app = {
  name: "MSSanté Webmail",
  tagline: "Messagerie sécurisée de santé",
};

export const errorPage = {
  title: "Une erreur est survenue",
  text: "La page n'a pas pu s'afficher. Réessayez ; si l'erreur persiste, transmettez la référence ci-dessous au support.",
  reference: (digest: string) => `Référence : ${digest}`,
  retry: "Réessayer",
  back: "Retour à la messagerie",
};
