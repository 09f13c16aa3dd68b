import { prepareDatabase, printDemoAccounts } from "./db";

const { seeded } = await prepareDatabase({ demo: "demo" });
console.log(seeded ? "Données de démonstration créées." : "Base déjà remplie : rien n'a été ajouté.");
printDemoAccounts("demo");
