package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/google/uuid"
)

// Sizes of BenchmarkClinicLoad: a clinic of 5,000 clients and the load it must carry.
const (
	clinicClients    = 5000
	clinicClinicians = 40
	clinicUsers      = 32  // concurrent users, each a goroutine with its own keep-alive connection
	clinicRequests   = 100 // requests per user per sub-benchmark iteration
	clinicSearch     = "mar"
	// clinicThink is the mean pause of a paced user between an answer and the next request
	// (exponentially distributed): four requests a second per user, 128 a second for the
	// clinic, many times what 32 people reading charts ask of it.
	clinicThink = 250 * time.Millisecond
)

// BenchmarkClinicLoad measures the clinic's read paths on SQLite under concurrent use. It seeds
// a fresh database with 5,000 clients spread over 40 clinicians, each with two assessments, an
// episode of care (a third of them discharged, with a transfer) and 20 earlier audit rows,
// starts the real server on loopback, and for each endpoint runs 32 users (goroutines, each
// with its own keep-alive connection), each sending 100 requests per b.N, then reports p50 and
// p99 latency in ms and the request rate. "paced" users pause between requests as people do
// (clinicThink); "stress" users send the next request the moment an answer arrives, which
// measures how many requests a second the machine can carry, with latency then set by the
// queue (32 requests in flight on two cores). The requirement: list, search and
// chart each answer within 20 ms at the 99th percentile under 32 concurrent users. Run with
//
//	go test -run '^$' -bench ClinicLoad -benchtime 1x ./internal/app/
//
// and read p50-ms, p99-ms and req/s of each sub-benchmark; docs/performance.md has the
// figures.
func BenchmarkClinicLoad(b *testing.B) {
	ts := apptest.Start(b)
	seed := seedClinic(b, ts)

	sealClinicAudit(b, ts)
	id := func(rng *rand.Rand) string { return seed.clients[rng.IntN(len(seed.clients))] }
	clinicianID := func(rng *rand.Rand) string { return seed.anaClients[rng.IntN(len(seed.anaClients))] }
	endpoints := []clinicEndpoint{
		{name: "list/admin", token: seed.admin, path: func(*rand.Rand) string { return "/api/v1/clients?limit=50" }, expect: `"total":5000`},
		{name: "list/clinician", token: seed.ana, path: func(*rand.Rand) string { return "/api/v1/clients?limit=50" },
			expect: fmt.Sprintf(`"total":%d`, len(seed.anaClients))},
		{name: "search/admin", token: seed.admin, path: func(*rand.Rand) string { return "/api/v1/clients?search=" + clinicSearch }, expect: `"total":`},
		{name: "chart-api/admin", token: seed.admin, path: func(rng *rand.Rand) string { return "/api/v1/clients/" + id(rng) }, expect: `"version":1`},
		{name: "chart-api/clinician", token: seed.ana, path: func(rng *rand.Rand) string { return "/api/v1/clients/" + clinicianID(rng) }, expect: `"version":1`},
		{name: "chart-page/clinician", browser: seed.browser, path: func(rng *rand.Rand) string { return "/staff/clients/" + clinicianID(rng) }, expect: "<h1"},
	}
	for _, mode := range []string{"paced", "stress"} {
		for _, ep := range endpoints {
			b.Run(mode+"/"+ep.name, func(b *testing.B) { clinicRun(b, ts.URL, ep, mode == "paced") })
		}
	}
}

// clinicEndpoint is one read path the load benchmarks send requests to.
type clinicEndpoint struct {
	name    string
	browser func(user int) *http.Client // nil: bearer token
	token   string
	path    func(rng *rand.Rand) string
	expect  string // in every answer's body
}

// clinicRun runs clinicUsers users against ep, each sending clinicRequests requests per b.N,
// paced (a pause of mean clinicThink before each request) or not, and reports p50, p99 and
// max latency in ms, the request rate, and the process's CPU time per request (server and
// load generator together; a PostgreSQL server's own CPU is not included).
func clinicRun(b *testing.B, base string, ep clinicEndpoint, paced bool) {
	lat := make([][]time.Duration, clinicUsers)
	var wg sync.WaitGroup
	cpu0 := processCPU()
	start := time.Now()
	for u := range clinicUsers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			if ep.browser != nil {
				client = ep.browser(u)
			}
			rng := rand.New(rand.NewPCG(uint64(u), 7))
			for range clinicRequests * b.N {
				if paced {
					time.Sleep(time.Duration(rng.ExpFloat64() * float64(clinicThink)))
				}
				req, _ := http.NewRequest("GET", base+ep.path(rng), nil)
				if ep.token != "" {
					req.Header.Set("Authorization", "Bearer "+ep.token)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[u] = append(lat[u], time.Since(t0))
				if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), ep.expect) {
					b.Errorf("GET %s: %d %.200s", req.URL.Path, resp.StatusCode, body)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	pct := func(p float64) float64 {
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(all)), "cpu-us/req")
}

// processCPU is the CPU time (user and system) this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sealClinicAudit starts the audit hash chain after the seeded audit rows, as carepath does
// when it opens a database, so the one walk over them is not part of any request timed.
func sealClinicAudit(b *testing.B, ts *apptest.Server) {
	b.Helper()
	if _, err := ts.Store.SealAuditChain(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// clinicSeed is what BenchmarkClinicLoad seeded.
type clinicSeed struct {
	admin, ana string   // bearer tokens: an admin, and a clinician with a caseload
	clients    []string // every client's id
	anaClients []string // the clinician's caseload
	browser    func(user int) *http.Client
}

// seedClinic creates the staff through the store, one client with an assessment and an episode
// through the API (the templates), and the rest of the clinic by SQL in one transaction on the
// writer, copying the templates' rows so every row is one the services wrote.
func seedClinic(b *testing.B, ts *apptest.Server) clinicSeed {
	base, st := ts.URL, ts.Store
	b.Helper()
	ctx := context.Background()
	cli := carepath.NewContext(ctx, apptest.SystemActor)
	staff := store.NewStaffService(st)
	token := func(email string, role carepath.Role) (string, *carepath.Staff) {
		s := &carepath.Staff{Email: email, Name: "Dr " + string(role), Role: role}
		if err := staff.CreateStaff(cli, s, apptest.Password); err != nil {
			b.Fatal(err)
		}
		tok, err := staff.CreateToken(cli, email)
		if err != nil {
			b.Fatal(err)
		}
		return tok, s
	}
	var seed clinicSeed
	var ana *carepath.Staff
	seed.admin, _ = token("admin@example.org", carepath.RoleAdmin)
	seed.ana, ana = token("ana@example.org", carepath.RoleClinician)

	call := func(method, path, tok, body string) string {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var v struct {
			ID string `json:"id"`
		}
		if resp.StatusCode != 201 || json.Unmarshal(raw, &v) != nil || v.ID == "" {
			b.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
		return v.ID
	}
	program := call("POST", "/api/v1/programs", seed.admin, `{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago"}`)
	template := call("POST", "/api/v1/clients", seed.admin,
		`{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"`+ana.ID+`"}`)
	call("POST", "/api/v1/clients/"+template+"/assessments", seed.ana,
		`{"profile":{"answers":{"phq9":[2,2,2,2,2,1,1,1,0],"gad7":[2,2,1,2,1,1,1]}}}`)
	call("POST", "/api/v1/clients/"+template+"/episodes", seed.ana, `{"program_id":"`+program+`","level":"iop","on":"2026-01-05"}`)

	clinicians := []string{ana.ID}
	for len(clinicians) < clinicClinicians {
		clinicians = append(clinicians, uuid.NewString())
	}
	seed.clients, seed.anaClients = []string{template}, []string{template}
	if err := seedClinicRows(ctx, ts.DB, template, clinicians, &seed); err != nil {
		b.Fatal(err)
	}

	// One signed-in browser per user for the chart page, as the clinician.
	browsers := make([]*http.Client, clinicUsers)
	for i := range browsers {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Transport: &http.Transport{MaxIdleConnsPerHost: 1},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.PostForm(base+"/login", url.Values{"email": {"ana@example.org"}, "password": {apptest.Password}})
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 303 {
			b.Fatalf("sign in: %d", resp.StatusCode)
		}
		browsers[i] = c
	}
	seed.browser = func(u int) *http.Client { return browsers[u] }
	return seed
}

// seedClinicRows adds the other 4,999 clients, each a copy of the template client with its own
// name and clinician, two copies of its assessment, a copy of its episode (every third one
// discharged after a step-down), and 20 audit rows, in one transaction.
func seedClinicRows(ctx context.Context, db *sql.DB, template string, clinicians []string, seed *clinicSeed) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	given := []string{"Maria", "James", "Robin", "Alex", "Sam", "Omar", "Lena", "Noor", "Mark", "Jo", "Priya", "Chen"}
	family := []string{"Martin", "Lake", "Okafor", "Nguyen", "Garcia", "Smith", "Marsh", "Kowalski", "Silva", "Haddad",
		"Brown", "Patel", "Tanaka", "Novak", "Reyes", "Murphy", "Cohen", "Ali", "Jensen", "Dubois"}
	stmts := map[string]string{
		"client": `INSERT INTO clients (id, version, given_name, family_name, preferred_name, birth_date, pronouns,
			email, phone, preferred_language, emergency_name, emergency_relationship, emergency_phone,
			coverage_payer, coverage_member_id, deductible_remaining_cents, coinsurance_percent, copay_cents,
			out_of_pocket_remaining_cents, primary_clinician_id, case_manager_id, created_at, updated_at)
			SELECT $1, 1, $2, $3, preferred_name, $4, pronouns, $5, phone, preferred_language, emergency_name,
			emergency_relationship, emergency_phone, coverage_payer, coverage_member_id, deductible_remaining_cents,
			coinsurance_percent, copay_cents, out_of_pocket_remaining_cents, $6, case_manager_id, created_at, updated_at
			FROM clients WHERE id = $7`,
		"assessment": `INSERT INTO assessments (id, client_id, taken_at, clinician_id, profile, recommended,
			rubric_version, crisis, final_level, variance_code, variance_note, source)
			SELECT $1, $2, $3, $4, profile, recommended, rubric_version, crisis, final_level, variance_code,
			variance_note, source FROM assessments WHERE client_id = $5 LIMIT 1`,
		"episode": `INSERT INTO episodes (id, client_id, program_id, level, admitted_on, status, discharged_on,
			discharge_reason, discharge_note, version, created_at, updated_at)
			SELECT $1, $2, program_id, level, admitted_on, $3, $4, $5, '', version, created_at, updated_at
			FROM episodes WHERE client_id = $6 LIMIT 1`,
		"transfer": `INSERT INTO episode_transfers (id, episode_id, seq, from_level, to_level, transferred_on,
			direction, reason, created_at) VALUES ($1, $2, 1, 'php', 'iop', '2026-01-20', 'step_down', 'progress', $3)`,
		"audit": `INSERT INTO audit_log (at, actor_id, role, action, record_type, record_id, client_id, remote, allowed, detail)
			VALUES ($1, $2, 'clinician', 'client.read', 'client', $3, $3, '192.0.2.9', true, 'ok')`,
	}
	prepared := map[string]*sql.Stmt{}
	for name, q := range stmts {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %s: %w", name, err)
		}
		defer s.Close()
		prepared[name] = s
	}
	exec := func(name string, args ...any) {
		if err == nil {
			if _, e := prepared[name].ExecContext(ctx, args...); e != nil {
				err = fmt.Errorf("%s: %w", name, e)
			}
		}
	}
	at := time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)
	for i := 1; i < clinicClients && err == nil; i++ {
		id := uuid.Must(uuid.NewV7()).String()
		clinician := clinicians[i%len(clinicians)]
		seed.clients = append(seed.clients, id)
		if clinician == clinicians[0] {
			seed.anaClients = append(seed.anaClients, id)
		}
		exec("client", id, given[i%len(given)], family[(i/len(given))%len(family)],
			fmt.Sprintf("19%02d-%02d-%02d", 50+i%50, 1+i%12, 1+i%28), fmt.Sprintf("client%d@example.org", i), clinician, template)
		exec("assessment", uuid.Must(uuid.NewV7()).String(), id, at, clinician, template)
		exec("assessment", uuid.Must(uuid.NewV7()).String(), id, at.Add(30*24*time.Hour), clinician, template)
		episode := uuid.Must(uuid.NewV7()).String()
		if i%3 == 0 {
			exec("episode", episode, id, "discharged", "2026-03-01", "completed", template)
			exec("transfer", uuid.Must(uuid.NewV7()).String(), episode, at)
		} else {
			exec("episode", episode, id, "open", "", "", template)
		}
		for j := range 20 {
			exec("audit", at.Add(time.Duration(i*20+j)*time.Second), clinician, id)
		}
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}
