import type { LoaderFunctionArgs } from "@remix-run/node";
import { tenantFindings } from "~/modules/results/results.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { formatDate } from "~/utils/format";

const answerLabels: Record<string, string> = { oui: "Oui", non: "Non", na: "Sans objet" };

/** Every finding of the latest published edition, for French Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const findings = await tenantFindings(ctx);
  if (!findings) throw new Response("Aucun résultat publié", { status: 404 });
  const body = toCsv(
    ["Audit n°", "Canal", "Date", "Code", "Constat", "Étape", "Déterminant", "Réponse", "Commentaire"],
    findings.rows.map((r) => [
      r.number,
      r.channel,
      r.auditedAt ? formatDate(r.auditedAt) : "",
      r.itemCode,
      r.label,
      r.stage,
      r.determinant,
      answerLabels[r.value] ?? r.value.replace(".", ","),
      r.comment,
    ]),
  );
  return csvResponse(`constats-barometre-${findings.year}-${ctx.tenant.slug}.csv`, body);
}
