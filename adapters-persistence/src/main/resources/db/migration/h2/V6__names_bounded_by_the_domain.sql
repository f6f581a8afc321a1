-- Display names are bounded by the domain, which counts code points; H2's VARCHAR(100) counted UTF-16 units, so
-- a name of 51 to 100 emoji was valid but could not be stored. Like webhooks.name, the column no longer counts.
ALTER TABLE workspaces ALTER COLUMN name SET DATA TYPE CHARACTER VARYING;
ALTER TABLE agents ALTER COLUMN name SET DATA TYPE CHARACTER VARYING;
