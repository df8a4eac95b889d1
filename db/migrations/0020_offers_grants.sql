-- The offer catalogue and its training sessions are AFNOR's shared reference data (no tenant):
-- readable in a tenant context, written only by the owner role (seed, back office).
GRANT SELECT ON offers, training_sessions TO app_tenant;
