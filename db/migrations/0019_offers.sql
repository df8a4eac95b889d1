CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"benefits" text NOT NULL,
	"duration" text NOT NULL,
	"price_ht_cents" integer,
	"prerequisites" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_price_check" CHECK ("offers"."price_ht_cents" IS NULL OR "offers"."price_ht_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"seats" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_sessions_seats_check" CHECK ("training_sessions"."seats_taken" >= 0 AND "training_sessions"."seats_taken" <= "training_sessions"."seats"),
	CONSTRAINT "training_sessions_dates_check" CHECK ("training_sessions"."ends_on" >= "training_sessions"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "offers_code_idx" ON "offers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "training_sessions_offer_idx" ON "training_sessions" USING btree ("offer_id","starts_on");