-- Frozen scores are tenant-owned: forced row-level security. Publications and benchmarks are
-- edition-wide figures (never a single structure's), readable in a tenant context; the portal
-- hides any group of fewer than 5 structures when it reads them.
GRANT SELECT ON publications, benchmarks TO app_tenant;
--> statement-breakpoint
GRANT SELECT ON result_snapshots TO app_tenant;
--> statement-breakpoint
ALTER TABLE result_snapshots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE result_snapshots FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON result_snapshots TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
