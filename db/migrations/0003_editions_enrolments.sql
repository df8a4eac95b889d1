CREATE TABLE "edition_prices" (
	"edition_id" uuid NOT NULL,
	"category" text NOT NULL,
	"price_ht_cents" integer NOT NULL,
	CONSTRAINT "edition_prices_edition_id_category_pk" PRIMARY KEY("edition_id","category")
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"enrolment_opens_on" date NOT NULL,
	"enrolment_closes_on" date NOT NULL,
	"audit_starts_on" date NOT NULL,
	"audit_ends_on" date NOT NULL,
	"publication_on" date NOT NULL,
	"referential_version" text NOT NULL,
	"audit_plan" jsonb NOT NULL,
	"onsite_visit_optional" boolean DEFAULT true NOT NULL,
	"onsite_visit_price_cents" integer DEFAULT 0 NOT NULL,
	"terms_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_transitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_transitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"category" text NOT NULL,
	"base_price_ht_cents" integer NOT NULL,
	"onsite_visit" boolean DEFAULT false NOT NULL,
	"onsite_visit_ht_cents" integer DEFAULT 0 NOT NULL,
	"total_ht_cents" integer NOT NULL,
	"vat_cents" integer NOT NULL,
	"total_ttc_cents" integer NOT NULL,
	"payment_path" text NOT NULL,
	"billing_contact_name" text NOT NULL,
	"billing_contact_email" text NOT NULL,
	"billing_address" text NOT NULL,
	"purchase_order_number" text,
	"engagement_number" text,
	"chorus_service_code" text,
	"payer_siret" text NOT NULL,
	"terms_version" text NOT NULL,
	"terms_accepted_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "enrolments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "enrolments_id_unique" UNIQUE("id"),
	CONSTRAINT "enrolments_tenant_edition_unique" UNIQUE("tenant_id","edition_id"),
	CONSTRAINT "enrolments_amounts_check" CHECK ("enrolments"."total_ttc_cents" = "enrolments"."total_ht_cents" + "enrolments"."vat_cents")
);
--> statement-breakpoint
ALTER TABLE "edition_prices" ADD CONSTRAINT "edition_prices_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_transitions" ADD CONSTRAINT "enrolment_transitions_tenant_id_enrolment_id_enrolments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enrolment_id") REFERENCES "public"."enrolments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "editions_year_idx" ON "editions" USING btree ("year");--> statement-breakpoint
CREATE INDEX "enrolment_transitions_enrolment_idx" ON "enrolment_transitions" USING btree ("enrolment_id","at");--> statement-breakpoint
CREATE INDEX "enrolments_edition_idx" ON "enrolments" USING btree ("edition_id","status");