import { prepareDatabase } from "./db";

const { driver } = await prepareDatabase({ seedDemo: false });
console.log(`Migrations appliquées (${driver}).`);
