//go:build loadtest

package app_test

import (
	"math/rand/v2"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// BenchmarkChartAuditLoad measures what the read audit costs a whole request: the chart API
// (GET /api/v1/clients/{id}) and the chart page (/staff/clients/{id}) of the clinician's own
// clients, at 32 paced users (BenchmarkClinicLoad's clinic and load), with the audit on (as
// carepath runs: one audit commit per request, before its response), "per-read" (each read
// commits its own rows, as before requests batched them) and off (the store's test-only
// switches, in builds with the loadtest tag only), on SQLite and on PostgreSQL
// (CAREPATH_TEST_POSTGRES; that half skips without it). The requirement: p99 ≤ 20 ms with the
// audit on. It takes several minutes, hence the tag. Run with
//
//	CAREPATH_TEST_POSTGRES=postgres://… go test -tags loadtest -run '^$' -bench ChartAuditLoad -benchtime 1x -timeout 30m ./internal/app/
//
// and compare p99-ms and cpu-us/req of audit=on and audit=off; docs/performance.md has the
// figures.
func BenchmarkChartAuditLoad(b *testing.B) {
	for _, engine := range []string{apptest.SQLite, apptest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			ts := apptest.StartWith(b, apptest.Options{Engine: engine})
			seed := seedClinic(b, ts)
			sealClinicAudit(b, ts)
			own := func(rng *rand.Rand) string { return seed.anaClients[rng.IntN(len(seed.anaClients))] }
			endpoints := []clinicEndpoint{
				{name: "chart-api", token: seed.ana, path: func(rng *rand.Rand) string { return "/api/v1/clients/" + own(rng) }, expect: `"version":1`},
				{name: "chart-page", browser: seed.browser, path: func(rng *rand.Rand) string { return "/staff/clients/" + own(rng) }, expect: "<h1"},
			}
			for _, ep := range endpoints {
				for _, audit := range []string{"on", "per-read", "off"} {
					b.Run(ep.name+"/audit="+audit, func(b *testing.B) {
						ts.Store.SetReadAuditOff(audit == "off")
						ts.Store.SetRequestAuditBatchOff(audit == "per-read")
						defer ts.Store.SetReadAuditOff(false)
						defer ts.Store.SetRequestAuditBatchOff(false)
						clinicRun(b, ts.URL, ep, true)
					})
				}
			}
		})
	}
}
