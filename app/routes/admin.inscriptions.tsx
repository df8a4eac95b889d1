import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { listEditions } from "~/modules/editions/editions.server";
import { cancelEnrolment, listEditionEnrolments, refundEnrolment } from "~/modules/enrolment/staff.server";
import { enrolmentStatusLabels, type EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Inscriptions | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const editions = await listEditions();
  const requested = Number(new URL(request.url).searchParams.get("annee"));
  // By default, the edition whose enrolment is open (else the latest one).
  const fallback = editions.find((e) => e.status === "open") ?? editions[0];
  const year = editions.some((e) => e.year === requested) ? requested : (fallback?.year ?? new Date().getFullYear());
  const rows = await listEditionEnrolments(year);
  return {
    year,
    years: editions.map((e) => e.year),
    totals: {
      count: rows.length,
      ht: formatEuros(rows.filter((r) => r.status !== "cancelled" && r.status !== "refunded").reduce((sum, r) => sum + r.totalHtCents, 0)),
    },
    rows: rows.map((r) => ({
      id: r.id,
      tenantName: r.tenantName,
      region: r.regionName ?? "—",
      category: isBarometerCategory(r.category) ? barometerCategoryLabels[r.category] : r.category,
      status: r.status as EnrolmentStatus,
      statusLabel: enrolmentStatusLabels[r.status as EnrolmentStatus],
      path: r.paymentPath === "card" ? "Carte" : "Facture",
      ht: formatEuros(r.totalHtCents),
      ttc: formatEuros(r.totalTtcCents),
      date: formatDate(r.createdAt),
    })),
  };
}

const staffActionSchema = z.object({
  intent: z.enum(["cancel", "refund"]),
  enrolmentId: z.uuid("Inscription inconnue."),
  reason: z.string({ error: "Indiquez le motif." }).trim().min(3, "Indiquez le motif (3 caractères au moins).").max(300, "300 caractères au plus."),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "sales"]);
  const parsed = staffActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  const { intent, enrolmentId, reason } = parsed.data;
  return intent === "cancel" ? cancelEnrolment(user.id, enrolmentId, reason) : refundEnrolment(user.id, enrolmentId, reason);
}

export default function AdminEnrolments() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Inscriptions à l'édition {data.year}</h1>
      {actionData ? <Notice tone={actionData.ok ? "success" : "error"}>{actionData.message}</Notice> : null}
      <Form method="get" className="cluster">
        <div className="field">
          <label htmlFor="annee">Édition</label>
          <select id="annee" name="annee" defaultValue={data.year}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button className="btn btn-secondary" type="submit">
          Afficher
        </button>
        <a className="btn btn-tertiary" href={`/admin/inscriptions.csv?annee=${data.year}`}>
          Exporter en CSV
        </a>
      </Form>
      <p>
        {data.totals.count} inscription{data.totals.count > 1 ? "s" : ""} — {data.totals.ht} HT hors annulations.
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-inscriptions">
        <table className="table">
          <caption id="legende-inscriptions">Inscriptions {data.year}</caption>
          <thead>
            <tr>
              <th scope="col">Structure</th>
              <th scope="col">Catégorie</th>
              <th scope="col">Région</th>
              <th scope="col">Statut</th>
              <th scope="col">Paiement</th>
              <th scope="col" className="numeric">HT</th>
              <th scope="col" className="numeric">TTC</th>
              <th scope="col">Inscrite le</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id}>
                <td>{r.tenantName}</td>
                <td>{r.category}</td>
                <td>{r.region}</td>
                <td>{r.statusLabel}</td>
                <td>{r.path}</td>
                <td className="numeric">{r.ht}</td>
                <td className="numeric">{r.ttc}</td>
                <td>{r.date}</td>
                <td>
                  {["draft", "awaiting_payment", "confirmed"].includes(r.status) || (r.status === "paid" && r.path === "Carte") ? (
                    <Form method="post" className="stack-sm">
                      <input type="hidden" name="enrolmentId" value={r.id} />
                      <input type="hidden" name="intent" value={r.status === "paid" ? "refund" : "cancel"} />
                      <label htmlFor={`motif-${r.id}`}>Motif</label>
                      <input id={`motif-${r.id}`} name="reason" required minLength={3} maxLength={300} />
                      <button className="btn btn-secondary btn-danger btn-small" type="submit">
                        {r.status === "paid" ? "Rembourser" : "Annuler"}
                        <span className="visually-hidden"> l'inscription de {r.tenantName}</span>
                      </button>
                    </Form>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/admin">Retour aux structures</Link>
      </p>
    </div>
  );
}
