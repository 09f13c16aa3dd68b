import { openDatabase } from "@/db/client";
import { searchAnnuaire } from "@/db/queries/annuaire";
const h = openDatabase({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/annu" });
for (const q of [{q:"dupont cardio"},{q:"hélène"},{q:"hel"},{q:"10000000042"},{q:"dup"},{q:"martin", place:"lyon", profession:"10"},{q:"jean dupont"},{q:"nguyen"},{q:"pneumologie brest"}]) {
  const times=[]; let n=0; for (let i=0;i<7;i++){ const t=performance.now(); const r = await searchAnnuaire(h.db, q); n=r.rows.length; times.push(performance.now()-t);} times.sort((a,b)=>a-b);
  console.log(JSON.stringify(q), n, "median", times[3].toFixed(1)+"ms");
}
await h.close();
