-- Key figures and laureates are AFNOR's public editorial data (no tenant): readable in a tenant
-- context, written only in the system context (seed, back office).
GRANT SELECT ON edition_key_figures, laureates TO app_tenant;
