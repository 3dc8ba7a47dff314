package storetest_test

import (
	"context"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/pressly/goose/v3"
)

// TestClaimCorrectionsMigrationKeepsClaims runs migration 51 (which rebuilds the claims table
// on SQLite to widen its statuses) down and up again over a batch whose claim is paid, with its
// charges and postings: every row is kept, every foreign key still holds, and a replaced claim
// goes back to submitted on the way down.
func TestClaimCorrectionsMigrationKeepsClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		dialect, fsys := goose.DialectSQLite3, sqliteMigrations
		if env.Engine == "postgres" {
			dialect, fsys = goose.DialectPostgres, postgresMigrations
		}
		clinician := apptest.AddStaff(t, env.Store, "ana@example.org", carepath.RoleClinician)
		apptest.SeedBillable(t, env.Store, clinician)
		svc := store.NewClaimService(env.Store)
		b, err := svc.CreateClaimBatch(apptest.System(), carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.PostRemittance(apptest.System(), []byte(apptest.Hand835(b.Claims[0].ID, apptest.RemitLine{Paid: 300_00}))); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ReplaceClaim(apptest.System(), b.Claims[0].ID, carepath.ClaimCorrectionInput{}); err != nil {
			t.Fatal(err)
		}
		count := func(table, where string) int { return apptest.CountRows(t, env.Write, table, where) }
		want := [3]int{count("claims", "1 = 1"), count("claim_charges", "1 = 1"), count("postings", "1 = 1")}
		p, err := goose.NewProvider(dialect, env.Write, fsys, goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := p.DownTo(ctx, 50); err != nil {
			t.Fatalf("down: %v", err)
		}
		if n := count("claims", "status = 'submitted'"); n != 2 {
			t.Errorf("after Down, %d claims submitted; want the replaced one and its replacement", n)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		if got := [3]int{count("claims", "1 = 1"), count("claim_charges", "1 = 1"), count("postings", "1 = 1")}; got != want {
			t.Errorf("claims, claim charges, postings: %v, want %v", got, want)
		}
		if env.Engine == "sqlite" {
			rows, err := env.Write.Query(`PRAGMA foreign_key_check`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			if rows.Next() {
				t.Errorf("a foreign key is broken after the rebuild")
			}
		}
	})
}
