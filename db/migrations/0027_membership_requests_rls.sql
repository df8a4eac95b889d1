-- Membership requests are tenant-owned: a structure's owners read and decide them inside the
-- tenant's context. The request itself is written in the system context (the requester is not a
-- member yet), after the server checked that the structure's SIRET matches the user's ProConnect claim.
GRANT SELECT, UPDATE ON membership_requests TO app_tenant;
--> statement-breakpoint
ALTER TABLE membership_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE membership_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON membership_requests TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
