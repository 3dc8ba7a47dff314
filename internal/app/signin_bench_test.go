package app_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// BenchmarkListDuringBadSignIns measures whether failed sign-ins stall everyone else on
// SQLite: a list page (the client list as a signed-in clinician) and the client list API are
// read one after another, 100 times per b.N, first alone ("quiet") and then while 4
// goroutines keep signing in with wrong passwords ("4-bad-sign-ins"), each for an unknown
// email from its own address, so every attempt runs a full argon2id check (64 MiB, the
// production parameters) and none is slowed by the per-address throttle. It reports p50 and
// p99 of the list requests in ms and the sign-in attempts made per second. Run with
//
//	go test -run '^$' -bench ListDuringBadSignIns -benchtime 1x ./internal/app/
//
// docs/performance.md has the figures before and after password checks left the write
// transaction.
func BenchmarkListDuringBadSignIns(b *testing.B) {
	ts := apptest.StartWith(b, apptest.Options{TrustedProxies: "127.0.0.1/32,::1/128"})
	token, _ := apptest.Token(b, ts.Store, "api@example.org", carepath.RoleAdmin)
	apptest.AddStaff(b, ts.Store, "ana@example.org", carepath.RoleClinician)
	for i := range 50 {
		code, body := apptest.API(b, "POST", ts.URL+"/api/v1/clients", token,
			fmt.Sprintf(`{"given_name":"Robin%d","family_name":"Lake","birth_date":"1990-04-02"}`, i))
		apptest.CreatedID(b, code, body)
	}
	ana := apptest.SignIn(b, ts.URL, "ana@example.org")
	for _, attack := range []int{0, 4} {
		name := "quiet"
		if attack > 0 {
			name = fmt.Sprintf("%d-bad-sign-ins", attack)
		}
		b.Run(name, func(b *testing.B) {
			stop := make(chan struct{})
			var attempts atomic.Int64
			var wg sync.WaitGroup
			for g := range attack {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						form := url.Values{"email": {fmt.Sprintf("nobody%d-%d@example.org", g, i)}, "password": {"wrong password, long enough"}}
						req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(form.Encode()))
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", 1+(g*60+i)%250))
						resp, err := client.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						attempts.Add(1)
					}
				}()
			}
			time.Sleep(200 * time.Millisecond) // let the attack reach full speed
			var lat []time.Duration
			start := time.Now()
			for i := range 100 * b.N {
				t0 := time.Now()
				if i%2 == 0 {
					if code, _, body := ana("GET", "/staff/clients", nil); code != 200 {
						b.Fatalf("list page: %d %.200s", code, body)
					}
				} else if code, body := apptest.API(b, "GET", ts.URL+"/api/v1/clients?limit=50", token, ""); code != 200 {
					b.Fatalf("list API: %d %.200s", code, body)
				}
				lat = append(lat, time.Since(t0))
			}
			elapsed := time.Since(start)
			close(stop)
			wg.Wait()
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(attempts.Load())/elapsed.Seconds(), "sign-ins/s")
		})
	}
}
