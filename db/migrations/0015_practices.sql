CREATE TABLE "digest_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"unsubscribe_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "practice_bookmarks" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_bookmarks_tenant_id_user_id_practice_id_pk" PRIMARY KEY("tenant_id","user_id","practice_id")
);
--> statement-breakpoint
CREATE TABLE "practice_deliveries" (
	"subscriber_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_deliveries_subscriber_id_practice_id_pk" PRIMARY KEY("subscriber_id","practice_id")
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series" text DEFAULT 'bonnes-pratiques' NOT NULL,
	"number" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"determinants" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"structure_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_name" text,
	"source_tenant_id" uuid,
	"laureate_year" integer,
	"illustration_url" text,
	"illustration_alt" text,
	"publish_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practices_number_unique" UNIQUE("series","number")
);
--> statement-breakpoint
ALTER TABLE "digest_subscribers" ADD CONSTRAINT "digest_subscribers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_bookmarks" ADD CONSTRAINT "practice_bookmarks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_bookmarks" ADD CONSTRAINT "practice_bookmarks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_bookmarks" ADD CONSTRAINT "practice_bookmarks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_deliveries" ADD CONSTRAINT "practice_deliveries_subscriber_id_digest_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."digest_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_deliveries" ADD CONSTRAINT "practice_deliveries_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_source_tenant_id_tenants_id_fk" FOREIGN KEY ("source_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_subscribers_email_idx" ON "digest_subscribers" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "digest_subscribers_unsubscribe_idx" ON "digest_subscribers" USING btree ("unsubscribe_token");--> statement-breakpoint
CREATE INDEX "digest_subscribers_status_idx" ON "digest_subscribers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "practice_deliveries_practice_idx" ON "practice_deliveries" USING btree ("practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practices_slug_idx" ON "practices" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "practices_publish_idx" ON "practices" USING btree ("publish_at");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search_vector");