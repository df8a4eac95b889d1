CREATE TABLE "edition_key_figures" (
	"year" integer PRIMARY KEY NOT NULL,
	"edition_label" text,
	"global_score" numeric(4, 1),
	"global_delta" numeric(4, 1),
	"participants" integer,
	"participants_approximate" boolean DEFAULT false NOT NULL,
	"certified_score" numeric(4, 1),
	"others_score" numeric(4, 1),
	"channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"facts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"published" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edition_key_figures_scores_check" CHECK (coalesce("edition_key_figures"."global_score", 0) BETWEEN 0 AND 100 AND coalesce("edition_key_figures"."certified_score", 0) BETWEEN 0 AND 100 AND coalesce("edition_key_figures"."others_score", 0) BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "laureates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"mention" text,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"place" text,
	"summary" text NOT NULL,
	"story" text NOT NULL,
	"linked_tenant_id" uuid,
	"practice_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "laureates_year_slug_unique" UNIQUE("year","slug")
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "showcase_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "edition_key_figures" ADD CONSTRAINT "edition_key_figures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laureates" ADD CONSTRAINT "laureates_linked_tenant_id_tenants_id_fk" FOREIGN KEY ("linked_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "laureates" ADD CONSTRAINT "laureates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "laureates_year_idx" ON "laureates" USING btree ("year","position");