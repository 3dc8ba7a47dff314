package fhir_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/fhir"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// BenchmarkMountedObservationSearch measures the search of one client's Observations as a
// request to the whole server internal/app builds, on SQLite with 5,000 clients and a year of
// weekly PHQ-9 and GAD-7 each: the middleware, the bearer token's sign-in, the FHIR handler,
// the store's audited search (its audit row committed before the answer), the Bundle and its
// JSON; as the client's clinician, a random client each time. It reports the 50th and 99th
// percentiles of the wall time and the CPU time per search. Run with
//
//	go test -run '^$' -bench MountedObservationSearch -benchtime 2000x ./internal/fhir/
//
// The requirement: under 20 ms p99.
func BenchmarkMountedObservationSearch(b *testing.B) {
	env := storetest.SQLite(b)
	clients, clinicianOf := fhir.SeedMeasureBench(b, env.Write)
	// Each seeded clinician becomes a staff account with an API token, and their clients move
	// to that account.
	staff := store.NewStaffService(env.Store)
	tokenOf := map[string]string{}
	for _, seeded := range clinicianOf {
		if _, ok := tokenOf[seeded]; ok {
			continue
		}
		email := fmt.Sprintf("clin%d@example.org", len(tokenOf))
		s := &carepath.Staff{Email: email, Name: "Clinician " + email, Role: carepath.RoleClinician}
		if err := staff.CreateStaff(apptest.System(), s, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
		if _, err := env.Write.Exec(`UPDATE clients SET primary_clinician_id = $1 WHERE primary_clinician_id = $2`, s.ID, seeded); err != nil {
			b.Fatal(err)
		}
		tok, err := staff.CreateToken(apptest.System(), email)
		if err != nil {
			b.Fatal(err)
		}
		tokenOf[seeded] = tok
	}
	a, err := app.New(env.Store, app.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	yearAgo := time.Now().UTC().AddDate(-1, 0, 0).Format("2006-01-02")
	for _, tc := range []struct {
		name, query string
		want        int
	}{
		{"first-page", "", 50},
		{"whole-year", "&_count=500", fhir.BenchWeeks * 3},
		{"phq9-totals-since", "&_count=500&code=http://loinc.org|44261-6&date=ge" + yearAgo, fhir.BenchWeeks},
	} {
		b.Run(tc.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			var took []time.Duration
			cpuBefore := fhir.ProcessCPU()
			for b.Loop() {
				c := clients[rng.IntN(len(clients))]
				req := httptest.NewRequest(http.MethodGet, "/fhir/R4/Observation?patient="+c+tc.query, nil)
				req.Header.Set("Authorization", "Bearer "+tokenOf[clinicianOf[c]])
				w := httptest.NewRecorder()
				start := time.Now()
				a.Handler.ServeHTTP(w, req)
				took = append(took, time.Since(start))
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
				if len(took) == 1 { // the first answer is checked in full; the rest by status
					var bundle struct{ Entry []json.RawMessage }
					if err := json.Unmarshal(w.Body.Bytes(), &bundle); err != nil || len(bundle.Entry) != tc.want {
						b.Fatalf("%d entries, want %d (%v)", len(bundle.Entry), tc.want, err)
					}
				}
			}
			cpu := fhir.ProcessCPU() - cpuBefore
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "ms-p99")
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-p50")
			// The CPU the process spent per search (the garbage collector and the audit queue's
			// commits included): what a search costs when it does not wait for a core.
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
		})
	}
}
