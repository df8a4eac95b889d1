-- Good practices are shared reference content, readable in a tenant context. A member's bookmarks
-- are tenant-owned: forced row-level security. Subscribers and deliveries are system data.
GRANT SELECT ON practices TO app_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON practice_bookmarks TO app_tenant;
--> statement-breakpoint
ALTER TABLE practice_bookmarks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practice_bookmarks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON practice_bookmarks TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
