import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { buildTenantExport } from "~/modules/tenancy/tenant-export.server";
import { attachmentResponse } from "~/utils/download";

/** The ZIP of everything the portal holds about the structure: owners only, audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "tenant.export");
  const { zip, filename } = await buildTenantExport(ctx);
  return attachmentResponse(zip, filename, "application/zip");
}
