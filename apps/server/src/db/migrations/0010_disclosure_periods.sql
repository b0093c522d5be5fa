-- G-3a: the years a disclosure stays public, per category and party type, set by each agency (null: the default).
ALTER TABLE "agency_instrument_settings" ADD COLUMN "public_years" jsonb;