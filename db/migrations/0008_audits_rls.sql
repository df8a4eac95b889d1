-- The referential is shared reference data, readable in a tenant context. Audits and their
-- answers are tenant-owned: forced row-level security. The tenant portal only reads them
-- (auditors work in the back-office, in the system context).
GRANT SELECT ON channels, stages, referentials, determinants, referential_items TO app_tenant;
--> statement-breakpoint
GRANT SELECT ON audits, audit_answers TO app_tenant;
--> statement-breakpoint
ALTER TABLE audits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audits TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE audit_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_answers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_answers TO app_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
-- The fixed vocabulary of the barometer: six contact channels, three stages of every contact.
INSERT INTO channels (code, label, position) VALUES
  ('telephone', 'Téléphone', 1),
  ('courriel', 'Courriel', 2),
  ('courrier', 'Courrier postal', 3),
  ('site', 'Site internet', 4),
  ('reseaux_sociaux', 'Réseaux sociaux et avis en ligne', 5),
  ('accueil_physique', 'Accueil physique', 6)
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
INSERT INTO stages (code, label, position) VALUES
  ('acces', 'Accès', 1),
  ('information_orientation', 'Information et orientation', 2),
  ('traitement', 'Traitement de la demande', 3)
ON CONFLICT (code) DO NOTHING;
