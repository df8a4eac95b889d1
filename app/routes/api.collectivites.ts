import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireUser } from "~/modules/auth/guards.server";
import { describeTerritory } from "~/modules/tenancy/creation.server";
import { searchTerritories, territoryKinds } from "~/modules/tenancy/territories.server";

const querySchema = z.object({ type: z.enum(territoryKinds), q: z.string().trim().max(80) });

/** Autocomplete over the official communes, EPCI, départements and régions (signed-in users). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Paramètres de recherche invalides." }, { status: 400 });
  const results = searchTerritories(parsed.data.type, parsed.data.q, 10).map(describeTerritory);
  return Response.json({ results }, { headers: { "Cache-Control": "private, max-age=300" } });
}
