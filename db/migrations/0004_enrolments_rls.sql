-- Editions are shared reference data: readable in a tenant context. Enrolments and their
-- transitions are tenant-owned: forced row-level security like every tenant table.
GRANT SELECT ON editions, edition_prices TO app_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON enrolments TO app_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT ON enrolment_transitions TO app_tenant;
--> statement-breakpoint
ALTER TABLE enrolments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE enrolments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON enrolments TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE enrolment_transitions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE enrolment_transitions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON enrolment_transitions TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
