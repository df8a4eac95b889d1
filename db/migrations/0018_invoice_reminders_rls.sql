-- Invoice reminders are tenant-owned (staff write them in the system context): forced row-level
-- security like every other table holding a tenant_id; a structure may read its own.
GRANT SELECT ON invoice_reminders TO app_tenant;
--> statement-breakpoint
ALTER TABLE invoice_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invoice_reminders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON invoice_reminders TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
