import { prepareDatabase, printDemoAccounts } from "./db";

const { seeded } = await prepareDatabase({ seedDemo: true });
console.log(seeded ? "Données de démonstration créées." : "Base déjà remplie : rien n'a été ajouté.");
printDemoAccounts();
