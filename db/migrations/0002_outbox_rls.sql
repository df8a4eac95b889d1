-- The outbox carries tenant_id for e-mails about a structure: it gets the same
-- isolation as every tenant-owned table (the mail job itself runs in the system context).
GRANT SELECT ON email_outbox TO app_tenant;
--> statement-breakpoint
ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON email_outbox TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
