-- Existing rows get the exit pages of the seed; a municipality a coordinator added falls back to its website until edited.
ALTER TABLE "municipalities" ADD COLUMN "objection_url" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "public_space_report_url" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "damages_url" text;--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.amsterdam.nl/bezwaar-maken/', "public_space_report_url" = 'https://www.amsterdam.nl/meldingen/', "damages_url" = 'https://www.amsterdam.nl/schade-melden/' WHERE "id" = 'amsterdam';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.almere.nl/bezwaar-maken', "public_space_report_url" = 'https://www.almere.nl/melding-openbare-ruimte', "damages_url" = 'https://www.almere.nl/schade-melden' WHERE "id" = 'almere';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.amstelveen.nl/bezwaar-maken', "public_space_report_url" = 'https://www.amstelveen.nl/melding-openbare-ruimte', "damages_url" = 'https://www.amstelveen.nl/schade-melden' WHERE "id" = 'amstelveen';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.diemen.nl/bezwaar-maken', "public_space_report_url" = 'https://www.diemen.nl/melding-openbare-ruimte', "damages_url" = 'https://www.diemen.nl/schade-melden' WHERE "id" = 'diemen';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.landsmeer.nl/bezwaar-maken', "public_space_report_url" = 'https://www.landsmeer.nl/melding-openbare-ruimte', "damages_url" = 'https://www.landsmeer.nl/schade-melden' WHERE "id" = 'landsmeer';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.waterland.nl/bezwaar-maken', "public_space_report_url" = 'https://www.waterland.nl/melding-openbare-ruimte', "damages_url" = 'https://www.waterland.nl/schade-melden' WHERE "id" = 'waterland';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.ouder-amstel.nl/bezwaar-maken', "public_space_report_url" = 'https://www.ouder-amstel.nl/melding-openbare-ruimte', "damages_url" = 'https://www.ouder-amstel.nl/schade-melden' WHERE "id" = 'ouder-amstel';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = 'https://www.zaanstad.nl/bezwaar-maken', "public_space_report_url" = 'https://www.zaanstad.nl/melding-openbare-ruimte', "damages_url" = 'https://www.zaanstad.nl/schade-melden' WHERE "id" = 'zaanstad';--> statement-breakpoint
UPDATE "municipalities" SET "objection_url" = coalesce("objection_url", "website"), "public_space_report_url" = coalesce("public_space_report_url", "website"), "damages_url" = coalesce("damages_url", "website");--> statement-breakpoint
ALTER TABLE "municipalities" ALTER COLUMN "objection_url" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ALTER COLUMN "public_space_report_url" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ALTER COLUMN "damages_url" SET NOT NULL;
