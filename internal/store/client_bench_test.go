package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/google/uuid"
)

// BenchmarkChartReadAudit measures what the audit row costs a chart read: FindClientByID as
// the service runs it (a read transaction on the reader pool, then the audit row committed
// through the audit queue before the call returns) against the same read transaction without
// the audit row. The requirement: the audit write adds at most 25 % to a chart read.
// "serial" runs one read at a time, so every read pays a whole commit of its own; "parallel"
// runs 32 readers at once (b.SetParallelism), as 32 concurrent users do, where reads share
// commits. Run with
//
//	go test -run '^$' -bench ChartReadAudit -benchtime 3s ./internal/store/
//
// and compare ns/op of "unaudited" and "audited"; "audited" also reports the overhead.
func BenchmarkChartReadAudit(b *testing.B) {
	env := storetest.SQLite(b)
	ids := seedBenchClients(b, env.Write, 5000, 20)
	sealBenchAudit(b, env)
	svc := store.NewClientService(env.Store)
	ctx := carepath.NewContext(context.Background(),
		carepath.Actor{ID: "staff-admin", Role: carepath.RoleAdmin, Remote: "192.0.2.9"})
	unaudited := func(rng *rand.Rand) error {
		_, err := store.ReadClientUnaudited(ctx, env.Read, ids[rng.IntN(len(ids))])
		return err
	}
	audited := func(rng *rand.Rand) error {
		_, err := svc.FindClientByID(ctx, ids[rng.IntN(len(ids))])
		return err
	}
	for _, mode := range []string{"serial", "parallel"} {
		var base float64
		for _, read := range []struct {
			name string
			fn   func(*rand.Rand) error
		}{{"unaudited", unaudited}, {"audited", audited}} {
			b.Run(mode+"/"+read.name, func(b *testing.B) {
				cpu0 := benchCPU()
				start := time.Now()
				if mode == "serial" {
					rng := rand.New(rand.NewPCG(1, 2))
					for b.Loop() {
						if err := read.fn(rng); err != nil {
							b.Fatal(err)
						}
					}
				} else {
					b.SetParallelism(16) // 16 × GOMAXPROCS (2 here) = 32 readers
					var seq atomic.Uint64
					b.RunParallel(func(pb *testing.PB) {
						rng := rand.New(rand.NewPCG(seq.Add(1), 2))
						for pb.Next() {
							if err := read.fn(rng); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				per := float64(time.Since(start).Nanoseconds()) / float64(b.N)
				b.ReportMetric(float64((benchCPU()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
				if read.name == "unaudited" {
					base = per
				} else if base > 0 {
					b.ReportMetric(100*(per-base)/base, "%overhead")
				}
			})
		}
	}
}

// BenchmarkFindClients measures the client list and search at the store (no HTTP): a page of
// 50 of 5,000 clients by name, and a search for "mar" (about a fifth of the clinic matches),
// each audited as the service does (one row for the list, one audit_shown row per client
// shown). Run with
//
//	go test -run '^$' -bench FindClients -benchtime 3s ./internal/store/
func BenchmarkFindClients(b *testing.B) {
	env := storetest.SQLite(b)
	seedBenchClients(b, env.Write, 5000, 20)
	sealBenchAudit(b, env)
	svc := store.NewClientService(env.Store)
	ctx := carepath.NewContext(context.Background(),
		carepath.Actor{ID: "staff-admin", Role: carepath.RoleAdmin, Remote: "192.0.2.9"})
	search := "mar"
	for _, f := range []struct {
		name   string
		filter carepath.ClientFilter
	}{
		{"list", carepath.ClientFilter{Limit: 50}},
		{"search", carepath.ClientFilter{Search: &search, Limit: 50}},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := svc.FindClients(ctx, f.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// seedBenchClients inserts n clients over 40 clinicians, and auditPer audit rows each (the
// history a clinic of that size has), in one transaction, and returns the client ids.
func seedBenchClients(b *testing.B, db *sql.DB, n, auditPer int) []string {
	b.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO clients (`+store.ClientColumns+`)
		VALUES ($1, 1, $2, $3, '', $4, 'they/them', $5, '+1 555 010 2030', 'en', 'Rosa Lake', 'sister',
		'555-010-9999', 'Acme Health', 'M-123', 50000, 20, 0, NULL, $6, '', $7, $7, false, NULL)`)
	if err != nil {
		b.Fatal(err)
	}
	audit, err := tx.PrepareContext(ctx, `INSERT INTO audit_log
		(at, actor_id, role, action, record_type, record_id, client_id, remote, allowed, detail)
		VALUES ($1, $2, 'clinician', 'client.read', 'client', $3, $3, '192.0.2.9', 1, 'ok')`)
	if err != nil {
		b.Fatal(err)
	}
	given := []string{"Maria", "James", "Robin", "Alex", "Sam", "Omar", "Lena", "Noor", "Mark", "Jo"}
	family := []string{"Martin", "Lake", "Okafor", "Nguyen", "Garcia", "Smith", "Marsh", "Kowalski", "Silva", "Haddad"}
	clinicians := make([]string, 40)
	for i := range clinicians {
		clinicians[i] = uuid.NewString()
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := make([]string, n)
	for i := range n {
		id, _ := uuid.NewV7()
		ids[i] = id.String()
		g, f := given[i%len(given)], family[(i/len(given))%len(family)]+fmt.Sprint(i)
		if _, err := ins.ExecContext(ctx, ids[i], g, f, fmt.Sprintf("19%02d-0%d-1%d", 50+i%50, 1+i%9, i%10),
			fmt.Sprintf("c%d@example.org", i), clinicians[i%len(clinicians)], at); err != nil {
			b.Fatal(err)
		}
		for j := range auditPer {
			if _, err := audit.ExecContext(ctx, at.Add(time.Duration(i*auditPer+j)*time.Second),
				clinicians[i%len(clinicians)], ids[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return ids
}

// benchCPU is the CPU time (user and system) the process has used so far: a benchmark's CPU
// time per operation varies less than its wall time on a machine others are loading.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sealBenchAudit starts the audit hash chain after the seeded rows, as app.Open does, so the
// one walk over them is not timed.
func sealBenchAudit(b *testing.B, env *storetest.Env) {
	b.Helper()
	if _, err := env.Store.SealAuditChain(context.Background()); err != nil {
		b.Fatal(err)
	}
}
