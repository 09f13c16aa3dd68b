import { prepareDatabase } from "./db";

const { driver } = await prepareDatabase({ demo: null });
console.log(`Migrations appliquées (${driver}).`);
