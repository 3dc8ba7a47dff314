package fhir

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// fixture is a clinic on a real SQLite store: a program in Chicago, an admin, a front desk, two
// clinicians, a client on the first clinician's caseload with an episode, measures, plan
// versions, a Part 2 consent, a group and an individual session with attendance, and a client
// on the other clinician's caseload, and the FHIR handler over it behind a test sign-in. A
// mounted fixture (newMountedFixture) seeds the same clinic into a whole carepath server's
// database instead and sends its requests there, with real API tokens.
type fixture struct {
	env *storetest.Env
	svc Services
	h   *Handler
	srv *httptest.Server
	// base is the URL requests go to: the test server's, or the whole carepath server's.
	base string
	// tokens maps the tests' actors ("role:id", and "reviewer" for any reviewer) to the API
	// tokens of a mounted fixture; nil for the test sign-in.
	tokens map[string]string
	now    time.Time
	admin  string
	desk   string
	clin   string
	other  string
	// fac facilitates the group, so that neither clinician above sees the other's client
	// through it.
	fac      string
	client   *carepath.Client
	hidden   *carepath.Client
	program  *carepath.Program
	episode  *carepath.Episode
	measures []*carepath.Measure // the client's, oldest first
	hiddenM  *carepath.Measure
	plans    []*carepath.TreatmentPlan
	consent  *carepath.Consent
	// diagnoses are the client's: F33.1 primary with an onset, F10.20 resolved; hiddenD is the
	// other client's.
	diagnoses []*carepath.Diagnosis
	hiddenD   *carepath.Diagnosis
	// coverage is the client's primary insurance; hiddenC the other client's.
	coverage, hiddenC *carepath.ClientCoverage
	group             *carepath.Group
	groupOcc          string // an occurrence of the group with attendance
	session           *carepath.TherapySession
}

const testPassword = "correct horse battery staple"

// as returns a context whose actor is the staff member id with role.
func as(role carepath.Role, id string) context.Context {
	return carepath.NewContext(context.Background(), carepath.Actor{ID: id, Role: role, Remote: "192.0.2.7"})
}

// testSignIn is the sign-in the tests put in front of the handler: "Authorization: Bearer
// <role>:<staff id>" puts that actor in the context, as the API's token check does.
func testSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			role, id, _ := strings.Cut(tok, ":")
			r = r.WithContext(carepath.NewContext(r.Context(), carepath.Actor{ID: id, Role: carepath.Role(role), Remote: "192.0.2.7"}))
		}
		next.ServeHTTP(w, r)
	})
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := seedFixture(t, storetest.SQLite(t))
	f.h = New(f.svc, Options{BaseURL: "http://fhir.test/fhir/R4", OrganizationName: "Riverside Clinic", Version: "test"})
	f.srv = httptest.NewServer(testSignIn(f.h))
	t.Cleanup(f.srv.Close)
	f.base = f.srv.URL
	return f
}

// newMountedFixture seeds the clinic into the database of a whole carepath server at url (as
// internal/app mounts FHIR) and gives each staff member, a payer reviewer and an outside party
// (recipient "County Court", purpose patient_request) an API token.
func newMountedFixture(t testing.TB, url string, env *storetest.Env) *fixture {
	t.Helper()
	f := seedFixture(t, env)
	f.base = url
	sys := as(carepath.RoleSystem, "cli")
	staff := store.NewStaffService(env.Store)
	f.tokens = map[string]string{}
	for actor, mail := range map[string]string{f.asAdmin(): "admin@example.org", f.asDesk(): "desk@example.org",
		f.asClin(): "ann@example.org", f.asOther(): "ben@example.org"} {
		tok, err := staff.CreateToken(sys, mail)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[actor] = tok
	}
	if err := staff.CreateStaff(sys, &carepath.Staff{Email: "rita@payer.example", Name: "Rita Reviewer", Role: carepath.RoleReviewer,
		Organization: "Acme Health Plan"}, testPassword); err != nil {
		t.Fatal(err)
	}
	tok, err := staff.CreateToken(sys, "rita@payer.example")
	if err != nil {
		t.Fatal(err)
	}
	f.tokens["reviewer"] = tok
	return f
}

// seedFixture seeds the clinic into env's database.
func seedFixture(t testing.TB, env *storetest.Env) *fixture {
	t.Helper()
	s := env.Store
	f := &fixture{env: env, now: time.Now().UTC()}
	f.svc = Services{Clients: store.NewClientService(s), Staff: store.NewStaffService(s), Programs: store.NewProgramService(s),
		Episodes: store.NewEpisodeService(s), Measures: store.NewMeasureService(s), Plans: store.NewTreatmentPlanService(s),
		Groups: store.NewGroupService(s), Sessions: store.NewTherapySessionService(s), Attendance: store.NewAttendanceService(s),
		Consents: store.NewConsentService(s), Diagnoses: store.NewDiagnosisService(s),
		Coverages: store.NewCoverageService(s), Audit: store.NewAccessLogService(s), Disclosures: store.NewDisclosureService(s)}
	sys := as(carepath.RoleSystem, "cli")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range []struct {
		id   *string
		role carepath.Role
		mail string
	}{{&f.admin, carepath.RoleAdmin, "admin@example.org"}, {&f.desk, carepath.RoleFrontDesk, "desk@example.org"},
		{&f.clin, carepath.RoleClinician, "ann@example.org"}, {&f.other, carepath.RoleClinician, "ben@example.org"},
		{&f.fac, carepath.RoleClinician, "cal@example.org"}} {
		s := &carepath.Staff{Email: st.mail, Name: "Staff " + st.mail[:3], Role: st.role}
		must(f.svc.Staff.CreateStaff(sys, s, testPassword))
		*st.id = s.ID
	}
	f.client = &carepath.Client{GivenName: "Ana", FamilyName: "López", PreferredName: "Annie", BirthDate: "1988-02-29",
		Email: "ana@example.org", Phone: "+1 555 010 2030", PreferredLanguage: "es", PrimaryClinicianID: f.clin,
		EmergencyContact: carepath.EmergencyContact{Name: "Rosa López", Relationship: "sister", Phone: "555-010-9999"}}
	must(f.svc.Clients.CreateClient(sys, f.client))
	f.hidden = &carepath.Client{GivenName: "Bea", FamilyName: "Rook", BirthDate: "1990-06-15", PrimaryClinicianID: f.other}
	must(f.svc.Clients.CreateClient(sys, f.hidden))
	var err error
	f.program, err = f.svc.Programs.CreateProgram(sys, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP,
		TimeZone: "America/Chicago", Tracks: []carepath.Track{{Name: "evening", Days: []string{"mon", "wed", "fri"}, StartTime: "18:00", EndTime: "21:00"}}})
	must(err)
	chicago, _ := time.LoadLocation("America/Chicago")
	day := func(daysAgo int) string { return f.now.In(chicago).AddDate(0, 0, -daysAgo).Format(carepath.DateLayout) }
	f.episode, err = f.svc.Episodes.AdmitClient(sys, carepath.EpisodeAdmit{ClientID: f.client.ID, ProgramID: f.program.ID, On: day(70)})
	must(err)
	f.episode, err = f.svc.Episodes.TransferEpisode(sys, f.episode.ID, carepath.EpisodeTransfer{Version: 1, ToLevel: carepath.LevelPHP, On: day(40), Reason: "needs more support"})
	must(err)
	_, err = f.svc.Episodes.AdmitClient(sys, carepath.EpisodeAdmit{ClientID: f.hidden.ID, ProgramID: f.program.ID, On: day(70)})
	must(err)

	taken := func(daysAgo int) time.Time {
		return time.Date(f.now.Year(), f.now.Month(), f.now.Day(), 16, 0, 0, 0, time.UTC).AddDate(0, 0, -daysAgo)
	}
	for _, in := range []carepath.MeasureInput{
		{Instrument: "phq9", Answers: []int{3, 3, 2, 2, 2, 2, 1, 1, 0}, TakenAt: taken(60)},
		{Instrument: "gad7", Answers: []int{2, 2, 2, 1, 1, 1, 1}, TakenAt: taken(59)},
		{Instrument: "phq9", Answers: []int{2, 2, 1, 1, 1, 1, 1, 0, 0}, TakenAt: taken(30)},
		{Instrument: "audit", Answers: []int{2, 1, 1, 0, 0, 0, 0, 0, 0, 0}, TakenAt: taken(29)},
		{Instrument: "checkin", Answers: []int{5, 20, 4}, TakenAt: taken(28)},
		{Instrument: "phq9", Answers: []int{1, 1, 1, 0, 0, 0, 0, 0, 0}, TakenAt: taken(2)},
	} {
		m, _, err := f.svc.Measures.CreateMeasure(as(carepath.RoleClinician, f.clin), f.client.ID, in)
		must(err)
		f.measures = append(f.measures, m)
	}
	f.hiddenM, _, err = f.svc.Measures.CreateMeasure(sys, f.hidden.ID, carepath.MeasureInput{Instrument: "phq9",
		Answers: []int{1, 1, 1, 1, 1, 1, 1, 1, 0}, TakenAt: taken(5)})
	must(err)

	asClin := as(carepath.RoleClinician, f.clin)
	goal := []carepath.Problem{{Statement: "Depressed mood", Goals: []carepath.Goal{{Statement: "Feel less depressed",
		Objectives: []carepath.Objective{{Statement: "PHQ-9 under 10", TargetDate: day(-60), Interventions: []carepath.Intervention{{Kind: carepath.InterventionCBT, Frequency: "weekly"}}}}}}}}
	p1, err := f.svc.Plans.CreatePlan(asClin, f.client.ID, carepath.TreatmentPlanInput{Problems: goal})
	must(err)
	p1, err = f.svc.Plans.SignPlan(asClin, p1.ID, p1.Revision)
	must(err)
	p2, err := f.svc.Plans.CreatePlan(asClin, f.client.ID, carepath.TreatmentPlanInput{})
	must(err)
	f.plans = []*carepath.TreatmentPlan{p1, p2}
	for _, in := range []carepath.DiagnosisInput{{Code: "F33.1", Primary: true, Onset: day(80)}, {Code: "F10.20"}} {
		d, err := f.svc.Diagnoses.AddDiagnosis(asClin, f.client.ID, in)
		must(err)
		f.diagnoses = append(f.diagnoses, d)
	}
	f.diagnoses[1], err = f.svc.Diagnoses.ResolveDiagnosis(asClin, f.diagnoses[1].ID, day(3))
	must(err)
	f.hiddenD, err = f.svc.Diagnoses.AddDiagnosis(sys, f.hidden.ID, carepath.DiagnosisInput{Code: "F41.1"})
	must(err)
	payer, err := store.NewPayerService(s).CreatePayer(sys, carepath.PayerInput{Name: "Acme Health", PayerID: "ACME1"})
	must(err)
	f.coverage, err = f.svc.Coverages.AddCoverage(asClin, f.client.ID, carepath.CoverageInput{PayerID: payer.ID, MemberID: "M-1",
		GroupID: "G-77", PlanYearStart: day(100), Deductible: 150000, CoinsurancePercent: 20, Copay: 2500})
	must(err)
	f.hiddenC, err = f.svc.Coverages.AddCoverage(sys, f.hidden.ID, carepath.CoverageInput{PayerID: payer.ID, MemberID: "M-2", PlanYearStart: day(100)})
	must(err)
	f.consent, err = f.svc.Consents.RecordConsent(asClin, carepath.ConsentCreate{ClientID: f.client.ID, Kind: carepath.ConsentPart2Disclosure,
		Recipient: "County Court", Information: "attendance", Purpose: "probation reports",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePatientRequest}, SignedOn: day(10), ExpiresOn: day(-300)})
	must(err)

	// A Monday, Wednesday and Friday group from five weeks ago, with both clients.
	monday := f.now.In(chicago).AddDate(0, 0, -35)
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, -1)
	}
	start := monday.Format(carepath.DateLayout)
	f.group, err = f.svc.Groups.CreateGroup(sys, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Skills A", Type: "skills",
		FacilitatorIDs: []string{f.fac}, Days: []string{"mon", "wed", "fri"}, StartTime: "09:00", Minutes: 180, StartDate: start, Room: "Room 2"})
	must(err)
	for _, c := range []string{f.client.ID, f.hidden.ID} {
		_, err = f.svc.Groups.AddGroupMember(sys, f.group.ID, c, start)
		must(err)
	}
	// The hidden client left the group after its first week: a facilitator reads the charts of
	// the group's current members only, so ann still may not see her.
	_, err = f.svc.Groups.EndGroupMember(sys, f.group.ID, f.hidden.ID, monday.AddDate(0, 0, 7).Format(carepath.DateLayout))
	must(err)
	f.groupOcc = f.group.ID + ":" + start
	_, err = f.svc.Attendance.RecordAttendance(sys, f.groupOcc, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
		{ClientID: f.client.ID, Status: "present", Minutes: 180}, {ClientID: f.hidden.ID, Status: "absent_unexcused"}}})
	must(err)
	f.session, err = f.svc.Sessions.CreateSession(sys, carepath.TherapySessionCreate{ProgramID: f.program.ID, Kind: carepath.SessionIndividual,
		ClientID: f.client.ID, ClinicianID: f.clin, Date: day(12), StartTime: "14:00", Minutes: 50, Room: "Room 5"})
	must(err)
	_, err = f.svc.Attendance.RecordAttendance(asClin, f.session.ID+":"+day(12), carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
		{ClientID: f.client.ID, Status: "absent_unexcused"}}})
	must(err)
	return f
}

// response is one answer of the handler.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// call sends a request as the actor "role:id" ("" for none) and checks that any JSON body is a
// valid FHIR resource.
func (f *fixture) call(t testing.TB, method, path, actor string, body []byte, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, f.base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if actor != "" {
		req.Header.Set("Authorization", "Bearer "+f.token(actor))
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/fhir+json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			t.Fatalf("%s %s: not JSON (%d): %s", method, path, res.StatusCode, raw)
		}
		validJSON(t, raw)
	}
	return out
}

// token is the bearer token of actor: the actor itself for the test sign-in, its API token in
// a mounted fixture (any reviewer's is the payer reviewer's; an actor without one sends a token
// no server issued).
func (f *fixture) token(actor string) string {
	if f.tokens == nil {
		return actor
	}
	if strings.HasPrefix(actor, "reviewer:") {
		actor = "reviewer"
	}
	if tok, ok := f.tokens[actor]; ok {
		return tok
	}
	return "not-a-token-" + actor
}

// get is call for GET.
func (f *fixture) get(t testing.TB, path, actor string, header ...string) response {
	t.Helper()
	return f.call(t, http.MethodGet, path, actor, nil, header...)
}

// coverageID is the Coverage id of a client's coverage.
func (f *fixture) coverageID(c *carepath.ClientCoverage) string {
	id, _ := coverageID(c.ClientID, c.ID)
	return id
}

// conditionID is the Condition id of a diagnosis.
func (f *fixture) conditionID(d *carepath.Diagnosis) string {
	id, _ := conditionID(d.ClientID, d.ID)
	return id
}

func (f *fixture) asAdmin() string { return "admin:" + f.admin }
func (f *fixture) asClin() string  { return "clinician:" + f.clin }
func (f *fixture) asOther() string { return "clinician:" + f.other }
func (f *fixture) asDesk() string  { return "front_desk:" + f.desk }

// entries returns the resources of a bundle whose search mode is mode ("" for any).
func entries(b map[string]any, mode string) []map[string]any {
	var out []map[string]any
	list, _ := b["entry"].([]any)
	for _, e := range list {
		em := e.(map[string]any)
		if m, _ := at(em, "search", "mode").(string); mode == "" || m == mode {
			out = append(out, em["resource"].(map[string]any))
		}
	}
	return out
}

// ids returns the ids of resources.
func ids(rs []map[string]any) []string {
	var out []string
	for _, r := range rs {
		id, _ := r["id"].(string)
		out = append(out, id)
	}
	return out
}

// link returns a bundle's link of relation rel, as a path under the test server.
func link(b map[string]any, rel string) string {
	list, _ := b["link"].([]any)
	for _, l := range list {
		lm := l.(map[string]any)
		if lm["relation"] == rel {
			return strings.TrimPrefix(lm["url"].(string), "http://fhir.test")
		}
	}
	return ""
}
