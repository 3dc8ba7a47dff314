package app_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/app/apptest"
)

// fullProfileJSON has all five instruments and every context field.
const fullProfileJSON = `{"answers":{"phq9":[2,2,2,2,1,2,2,1,0],"gad7":[2,2,1,2,1,1,1],"audit":[3,2,2,1,1,0,1,1,2,0],
"dast10":[true,false,false,true,false,false,true,false,false,false]},
"context":{"substance_use":true,"sex":"female","recent_level":"outpatient","completed_recent_level":false,
"relapsed_after_treatment":true,"at_risk_of_hospitalization":false,"needs_24h_supervision":false,
"lives_with_active_users":false,"stable_housing":true,"trouble_keeping_schedule":false,"support":"some",
"weekly_hours_available":8,"must_keep_working":true,"preference":"individual","self_harm":false,
"withdrawal":"mild","medical":"mild","readiness":"unsure"},
"coverage":{"deductible_remaining_cents":50000,"coinsurance_percent":20,"copay_cents":0,"out_of_pocket_remaining_cents":300000}}`

// BenchmarkLoopback measures, side by side in one run against one real server on loopback,
// the request rate of the embedded stylesheet and of POST /api/v1/placements with a full
// profile. The requirement: placements reach at least half the stylesheet's rate. Run with
//
//	go test -run '^$' -bench Loopback -benchtime 5s ./internal/app/
//
// and compare the req/s metrics of the two sub-benchmarks.
func BenchmarkLoopback(b *testing.B) {
	ts := apptest.Start(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	body := []byte(fullProfileJSON)
	cases := []struct {
		name string
		do   func() (*http.Response, error)
	}{
		{"stylesheet", func() (*http.Response, error) { return client.Get(ts.URL + "/static/style.css") }},
		{"placement", func() (*http.Response, error) {
			return client.Post(ts.URL+"/api/v1/placements", "application/json", bytes.NewReader(body))
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetParallelism(8)
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := c.do()
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}
