/** An audit's life in the back-office: planned, then entered as a draft, then submitted (validated). */
export const auditStatuses = ["planned", "draft", "submitted"] as const;
export type AuditStatus = (typeof auditStatuses)[number];

export const auditStatusLabels: Record<AuditStatus, string> = { planned: "Planifié", draft: "Brouillon", submitted: "Validé" };

export const auditStatusTones: Record<AuditStatus, "neutral" | "info" | "success"> = { planned: "neutral", draft: "info", submitted: "success" };

export function isAuditStatus(value: unknown): value is AuditStatus {
  return typeof value === "string" && (auditStatuses as readonly string[]).includes(value);
}
