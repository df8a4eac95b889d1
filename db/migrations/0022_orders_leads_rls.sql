-- Orders are tenant-owned (a structure reads and writes its own quote requests and orders).
-- Leads and their notes are AFNOR's sales data about a structure: written by staff in the system
-- context, never by a structure, but they carry a tenant_id so they are forced under row-level
-- security like every other tenant table. An impersonating admin's session points to a tenant.
GRANT SELECT, INSERT, UPDATE ON orders TO app_tenant;
--> statement-breakpoint
GRANT SELECT ON leads, lead_notes TO app_tenant;
--> statement-breakpoint
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON orders TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON leads TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE lead_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON lead_notes TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE sessions ADD CONSTRAINT sessions_impersonated_tenant_fk FOREIGN KEY (impersonated_tenant_id) REFERENCES tenants(id) ON DELETE SET NULL;
