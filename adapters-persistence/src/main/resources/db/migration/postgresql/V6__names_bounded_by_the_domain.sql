-- Display names are bounded by the domain (code points); like webhooks.name, the columns no longer count, so H2
-- and PostgreSQL store the same names.
ALTER TABLE workspaces ALTER COLUMN name TYPE text;
ALTER TABLE agents ALTER COLUMN name TYPE text;
