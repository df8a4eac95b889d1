-- A structure's action plan and its comments are tenant-owned: its members read and write them
-- under forced row-level security. The weekly reminder digests are per person (system context).
GRANT SELECT, INSERT, UPDATE, DELETE ON actions, action_comments TO app_tenant;
--> statement-breakpoint
ALTER TABLE actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE actions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON actions TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE action_comments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE action_comments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON action_comments TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
