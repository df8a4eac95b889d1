/**
 * A file to download (PDF, ZIP, CSV…): never cached by a shared cache, saved under `filename`.
 * The one place that writes these headers for every export of the portal.
 */
export function attachmentResponse(body: Uint8Array | string, filename: string, contentType: string): Response {
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
  };
  if (typeof body !== "string") headers["Content-Length"] = String(body.byteLength);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { headers });
}
