-- The language a patron or member of staff reads the portal in (en, zh-HK): chosen with the
-- switch on every page, or taken from the browser at login. A patron's mail goes out in it.
-- Null: never known; mail then follows the browser that asked for it, else English.
ALTER TABLE patrons ADD COLUMN language TEXT CHECK (language IN ('en', 'zh-HK'));
ALTER TABLE staff ADD COLUMN language TEXT CHECK (language IN ('en', 'zh-HK'));
