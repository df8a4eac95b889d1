import { BenchError, formatMs, runBench, step, timed, withFreshDatabase } from "./lib";

/*
 * `npm run bench:auth`: does a failed login take the same time whether the address has an account
 * or not (ASVS 6.3.8, no account enumeration by response time)? In a fresh PostgreSQL database,
 * times the real loginWithPassword for a known address with a wrong password and for an unknown
 * address, interleaved, and prints both medians and their ratio. The rate-limit counters are
 * cleared between attempts (outside the timed part) so that every attempt does the full work.
 * The integration test (app/modules/security/auth-asvs.int.test.ts) proves the same work
 * structurally; this measures it.
 */

const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 50);
const WARMUP = 3;
/** Above this ratio (either way) the two paths are told apart too easily. */
const TARGET_RATIO = 1.25;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main() {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 5 || ROUNDS > 1000) throw new BenchError("BENCH_AUTH_ROUNDS doit être un entier entre 5 et 1000.");
  await withFreshDatabase("bench_auth", async (database) => {
    const { loginWithPassword } = await import("../../app/modules/auth/accounts.server");
    const { hashPassword } = await import("../../app/modules/auth/password.server");
    step(`Base ${database.name} créée et migrée.`);

    const email = "agent.mesure@exemple.fr";
    await database.sql`insert into users (email, name, password_hash, email_verified_at) values (${email}, 'Agent Mesure', ${await hashPassword("Une phrase de passe solide 2027")}, now())`;
    step("Un compte avec mot de passe (argon2id, paramètres de production).");

    const attempt = async (address: string) => {
      await database.sql`delete from rate_limit_hits`;
      const { ms, result } = await timed(() => loginWithPassword({ email: address, password: "Pas le bon mot de passe 2027" }));
      if (result.ok || result.formError !== "Adresse e-mail ou mot de passe incorrect.") throw new BenchError(`Réponse inattendue pour ${address} : mesure invalide.`);
      return ms;
    };

    for (let i = 0; i < WARMUP; i++) {
      await attempt(email);
      await attempt(`inconnu-echauffement-${i}@exemple.fr`);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, alternating which goes first, so that drift in the machine's load hits both alike.
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        known.push(await attempt(email));
        unknown.push(await attempt(`inconnu-${i}@exemple.fr`));
      } else {
        unknown.push(await attempt(`inconnu-${i}@exemple.fr`));
        known.push(await attempt(email));
      }
    }

    const knownMedian = median(known);
    const unknownMedian = median(unknown);
    const ratio = Math.round((unknownMedian / knownMedian) * 100) / 100;
    const within = ratio <= TARGET_RATIO && ratio >= 1 / TARGET_RATIO;
    const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
    console.log("");
    console.log(`Connexions échouées mesurées : ${ROUNDS} par cas (médianes).`);
    console.log(`Adresse connue, mauvais mot de passe : ${formatMs(knownMedian)}`);
    console.log(`Adresse inconnue                     : ${formatMs(unknownMedian)}`);
    console.log(
      `Rapport inconnue / connue            : ${decimal.format(ratio)} × (objectif entre ${decimal.format(1 / TARGET_RATIO)} et ${decimal.format(TARGET_RATIO)} ×)${within ? "" : " — hors objectif"}`,
    );
    console.log(JSON.stringify({ bench: "auth", known: Math.round(knownMedian * 10) / 10, unknown: Math.round(unknownMedian * 10) / 10, unit: "ms", ratio }));
  });
}

await runBench(main);
