package fhir

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/google/uuid"
)

var (
	t0       = time.Date(2026, 3, 2, 15, 4, 5, 123456000, time.UTC)
	clientID = "01959c3e-0000-7000-8000-000000000001"
	staffID  = "01959c3e-0000-7000-8000-0000000000aa"
)

func cents(n int64) *carepath.Cents { c := carepath.Cents(n); return &c }

func sampleClient() *carepath.Client {
	pct := 20
	return &carepath.Client{ID: clientID, Version: 3, GivenName: "Ana", FamilyName: "López", PreferredName: "Annie",
		BirthDate: "1988-02-29", Email: "ana@example.org", Phone: "+1 555 010 2030", PreferredLanguage: "es",
		EmergencyContact:   carepath.EmergencyContact{Name: "Rosa López", Relationship: "sister", Phone: "555-010-9999"},
		Coverage:           carepath.Coverage{Payer: "Acme Health", MemberID: "M-1", CopayCents: cents(2500), CoinsurancePercent: &pct},
		PrimaryClinicianID: staffID, CreatedAt: t0, UpdatedAt: t0.Add(time.Hour)}
}

// roundTrip validates r against the schema and decodes its JSON into a map for field checks.
func roundTrip(t *testing.T, r any) map[string]any {
	t.Helper()
	valid(t, r)
	data, _ := json.Marshal(r)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// at reads a path of keys and indices from decoded JSON.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestPatientRoundTrip(t *testing.T) {
	c := sampleClient()
	m := roundTrip(t, Patient(c))
	for _, tc := range []struct {
		path []any
		want any
	}{
		{[]any{"id"}, c.ID},
		{[]any{"meta", "versionId"}, "3"},
		{[]any{"meta", "lastUpdated"}, "2026-03-02T16:04:05Z"},
		{[]any{"meta", "profile", 0}, profilePatient},
		{[]any{"identifier", 0, "system"}, sysClientID},
		{[]any{"identifier", 0, "value"}, c.ID},
		{[]any{"name", 0, "family"}, "López"},
		{[]any{"name", 0, "given", 0}, "Ana"},
		{[]any{"name", 1, "use"}, "usual"},
		{[]any{"name", 1, "given", 0}, "Annie"},
		{[]any{"gender"}, "unknown"},
		{[]any{"birthDate"}, "1988-02-29"},
		{[]any{"telecom", 0, "value"}, c.Phone},
		{[]any{"telecom", 1, "value"}, c.Email},
		{[]any{"communication", 0, "language", "coding", 0, "code"}, "es"},
		{[]any{"contact", 0, "relationship", 0, "coding", 0, "code"}, "C"},
		{[]any{"contact", 0, "relationship", 1, "text"}, "sister"},
		{[]any{"contact", 0, "name", "text"}, "Rosa López"},
		{[]any{"generalPractitioner", 0, "reference"}, "Practitioner/" + staffID},
		{[]any{"managingOrganization", "reference"}, "Organization/clinic"},
	} {
		if got := at(m, tc.path...); got != tc.want {
			t.Errorf("%v = %v, want %v", tc.path, got, tc.want)
		}
	}
	// A client with only what is required: no empty elements.
	bare := &carepath.Client{ID: clientID, Version: 1, GivenName: "A", FamilyName: "B", BirthDate: "2000-01-01", CreatedAt: t0, UpdatedAt: t0}
	m = roundTrip(t, Patient(bare))
	if at(m, "telecom") != nil || at(m, "contact") != nil || at(m, "communication") != nil || at(m, "generalPractitioner") != nil {
		t.Errorf("bare patient: %v", m)
	}
	c.PreferredLanguage = "Spanish (Mexico)"
	if m := roundTrip(t, Patient(c)); at(m, "communication", 0, "language", "text") != "Spanish (Mexico)" || at(m, "communication", 0, "language", "coding") != nil {
		t.Errorf("free-text language: %v", at(m, "communication"))
	}
	for sex, want := range map[string]string{"F": "female", "M": "male", "U": "unknown", "": "unknown"} {
		c.PayerSex = sex
		if got := at(roundTrip(t, Patient(c)), "gender"); got != want {
			t.Errorf("payer sex %q: gender %v, want %s", sex, got, want)
		}
	}
}

func TestDirectoryRoundTrip(t *testing.T) {
	s := &carepath.Staff{ID: staffID, Email: "ann@example.org", Name: "Ann Smith", Role: carepath.RoleClinician, Disabled: true}
	m := roundTrip(t, Practitioner(s))
	if at(m, "name", 0, "text") != "Ann Smith" || at(m, "active") != false || at(m, "telecom", 0, "value") != s.Email || at(m, "meta") != nil {
		t.Errorf("practitioner: %v", m)
	}
	m = roundTrip(t, Organization("Riverside Clinic"))
	if at(m, "name") != "Riverside Clinic" || at(m, "id") != "clinic" {
		t.Errorf("organization: %v", m)
	}
	p := &carepath.Program{ID: "01959c3e-0000-7000-8000-0000000000bb", Name: "Evening IOP", Level: carepath.LevelIOP,
		TimeZone: "America/Chicago", MinHoursPerWeek: 9, CreatedAt: t0}
	d := &carepath.ProgramDetails{ProgramID: p.ID, Version: 4, UpdatedAt: t0.Add(48 * time.Hour),
		Tracks: []carepath.Track{{Name: "evening", Days: []string{"mon", "wed", "thu"}, StartTime: "18:00", EndTime: "21:00"}}}
	m = roundTrip(t, HealthcareService(p, d))
	for _, tc := range []struct {
		path []any
		want any
	}{
		{[]any{"type", 0, "coding", 0, "code"}, "iop"},
		{[]any{"type", 0, "coding", 0, "system"}, sysLevel},
		{[]any{"program", 0, "text"}, "ASAM level 2.1"},
		{[]any{"characteristic", 0, "text"}, "At least 9 hours a week (9–19 hours a week)"},
		{[]any{"availableTime", 0, "daysOfWeek", 2}, "thu"},
		{[]any{"availableTime", 0, "availableStartTime"}, "18:00:00"},
		{[]any{"availableTime", 0, "availableEndTime"}, "21:00:00"},
		{[]any{"meta", "versionId"}, "4"},
		{[]any{"meta", "lastUpdated"}, "2026-03-04T15:04:05Z"},
		{[]any{"comment"}, "Times are in America/Chicago."},
	} {
		if got := at(m, tc.path...); got != tc.want {
			t.Errorf("healthcare service %v = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestEpisodeOfCareRoundTrip(t *testing.T) {
	e := &carepath.Episode{ID: "01959c3e-0000-7000-8000-0000000000e1", ClientID: clientID, ProgramID: "p1", Level: carepath.LevelOutpatient,
		AdmittedOn: "2026-01-05", Status: carepath.EpisodeDischarged, DischargedOn: "2026-03-01", DischargeReason: carepath.DischargeCompleted,
		Transfers: []carepath.Transfer{
			{FromLevel: carepath.LevelIOP, ToLevel: carepath.LevelPHP, On: "2026-01-20", Direction: carepath.StepUp},
			{FromLevel: carepath.LevelPHP, ToLevel: carepath.LevelOutpatient, On: "2026-02-10", Direction: carepath.StepDown}},
		Version: 4, CreatedAt: t0, UpdatedAt: t0}
	m := roundTrip(t, EpisodeOfCare(e))
	want := []struct{ level, start, end, status string }{
		{"iop", "2026-01-05", "2026-01-19", "active"}, {"php", "2026-01-20", "2026-02-09", "active"},
		{"outpatient", "2026-02-10", "2026-03-01", "active"}, {"", "2026-03-01", "", "finished"}}
	for i, w := range want {
		h := at(m, "statusHistory", i)
		level, _ := at(h, "extension", 0, "valueCoding", "code").(string)
		start, _ := at(h, "period", "start").(string)
		end, _ := at(h, "period", "end").(string)
		if level != w.level || start != w.start || end != w.end || at(h, "status") != w.status {
			t.Errorf("statusHistory[%d] = %v", i, h)
		}
	}
	if at(m, "status") != "finished" || at(m, "type", 0, "coding", 0, "code") != "outpatient" || at(m, "period", "end") != "2026-03-01" ||
		at(m, "patient", "reference") != "Patient/"+clientID || at(m, "meta", "versionId") != "4" {
		t.Errorf("episode: %v", m)
	}
	e.Status, e.DischargedOn, e.DischargeReason, e.Transfers = carepath.EpisodeOpen, "", "", nil
	m = roundTrip(t, EpisodeOfCare(e))
	if at(m, "status") != "active" || len(at(m, "statusHistory").([]any)) != 1 || at(m, "period", "end") != nil {
		t.Errorf("open episode: %v", m)
	}
}

func TestConditionAndCoverageRoundTrip(t *testing.T) {
	diagnosisID := randomUUID()
	d := &carepath.Diagnosis{ID: diagnosisID, ClientID: clientID, Code: "F33.1", Description: "Major depressive disorder, recurrent, moderate",
		Primary: true, OnsetOn: "2025-11-02", CreatedAt: t0, RecordedBy: staffID}
	m := roundTrip(t, Condition(d))
	if at(m, "code", "coding", 0, "system") != sysICD10CM || at(m, "code", "coding", 0, "code") != "F33.1" ||
		at(m, "code", "text") != d.Description || at(m, "clinicalStatus", "coding", 0, "code") != "active" ||
		at(m, "verificationStatus", "coding", 0, "code") != "confirmed" || at(m, "onsetDateTime") != "2025-11-02" ||
		at(m, "category", 0, "coding", 0, "code") != "problem-list-item" || at(m, "category", 1, "coding", 0, "code") != "primary" ||
		at(m, "subject", "reference") != "Patient/"+clientID || at(m, "recorder", "reference") != "Practitioner/"+staffID ||
		at(m, "recordedDate") != r4Instant(t0) || at(m, "identifier", 0, "value") != diagnosisID || m["abatementDateTime"] != nil {
		t.Errorf("condition: %v", m)
	}
	if c, dx, ok := splitConditionID(m["id"].(string)); !ok || c != clientID || dx != diagnosisID {
		t.Errorf("condition id %v reads back as %q %q %v", m["id"], c, dx, ok)
	}
	d.Primary, d.ResolvedOn, d.RecordedBy = false, "2026-01-05", "cli:import"
	m = roundTrip(t, Condition(d))
	if at(m, "clinicalStatus", "coding", 0, "code") != "resolved" || at(m, "abatementDateTime") != "2026-01-05" ||
		len(m["category"].([]any)) != 1 || m["recorder"] != nil {
		t.Errorf("resolved condition: %v", m)
	}
	coverage := &carepath.ClientCoverage{ID: randomUUID(), ClientID: clientID, PayerID: "ACME1", PayerName: "Acme Health", Rank: 1,
		MemberID: "M-1", GroupID: "G-77", Relationship: carepath.RelationshipSelf, PlanYearStart: "2026-01-01",
		Deductible: 150000, DeductibleMet: 20000, CoinsurancePercent: 20, Copay: 2500, OutOfPocketMax: 400000, InNetwork: true, CreatedAt: t0}
	m = roundTrip(t, Coverage(coverage))
	if at(m, "payor", 0, "display") != "Acme Health" || at(m, "payor", 0, "identifier", "value") != "ACME1" || at(m, "subscriberId") != "M-1" ||
		at(m, "subscriber", "reference") != "Patient/"+clientID || at(m, "relationship", "coding", 0, "code") != "self" ||
		at(m, "class", 0, "value") != "G-77" || at(m, "order") != 1.0 || at(m, "network") != "in-network" || at(m, "status") != "active" ||
		at(m, "costToBeneficiary", 0, "valueMoney", "value") != 25.0 || at(m, "costToBeneficiary", 1, "valueQuantity", "value") != 20.0 ||
		at(m, "costToBeneficiary", 2, "valueMoney", "value") != 1500.0 || at(m, "costToBeneficiary", 3, "type", "coding", 0, "code") != "maxoutofpocket" ||
		at(m, "meta", "versionId") != "1" || at(m, "identifier", 0, "value") != coverage.ID {
		t.Errorf("coverage: %v", m)
	}
	if c, id, ok := splitCoverageID(m["id"].(string)); !ok || c != clientID || id != coverage.ID {
		t.Errorf("coverage id %v reads back as %q %q %v", m["id"], c, id, ok)
	}
	coverage.Relationship, coverage.SubscriberName, coverage.InNetwork, coverage.OutOfPocketMax, coverage.GroupID = carepath.RelationshipSpouse, "Sam Ortiz", false, 0, ""
	m = roundTrip(t, Coverage(coverage))
	if at(m, "subscriber", "display") != "Sam Ortiz" || at(m, "relationship", "coding", 0, "code") != "spouse" || at(m, "network") != "out-of-network" ||
		len(m["costToBeneficiary"].([]any)) != 3 || m["class"] != nil {
		t.Errorf("a spouse's coverage: %v", m)
	}
}

func TestConsentRoundTrip(t *testing.T) {
	revoked := t0.Add(72 * time.Hour)
	k := &carepath.Consent{ID: "k1", ClientID: clientID, Kind: carepath.ConsentPart2Disclosure, Recipient: "County <Court>",
		Information: "attendance & diagnosis", Purpose: "probation reports", SignedOn: "2026-03-01", ExpiresOn: "2026-12-31",
		RecordedBy: staffID, CreatedAt: t0, Active: true}
	m := roundTrip(t, Consent(k))
	if at(m, "status") != "active" || at(m, "scope", "coding", 0, "code") != "patient-privacy" || at(m, "policyRule", "coding", 0, "code") != "42CFRPart2" ||
		at(m, "policy", 0, "uri") != part2Regulation || at(m, "provision", "actor", 0, "reference", "display") != "County <Court>" ||
		at(m, "provision", "period", "end") != "2026-12-31" || at(m, "meta", "versionId") != "1" {
		t.Errorf("part 2 consent: %v", m)
	}
	if div := at(m, "text", "div").(string); !strings.Contains(div, "County &lt;Court&gt;") || !strings.Contains(div, "attendance &amp; diagnosis") {
		t.Errorf("narrative not escaped: %s", div)
	}
	k.RevokedAt, k.RevokedReason, k.Active = &revoked, "in writing", false
	m = roundTrip(t, Consent(k))
	if at(m, "status") != "inactive" || at(m, "meta", "versionId") != "2" || at(m, "meta", "lastUpdated") != "2026-03-05T15:04:05Z" {
		t.Errorf("revoked consent: %v", m)
	}
	k = &carepath.Consent{ID: "k2", ClientID: clientID, Kind: carepath.ConsentTreatment, SignedOn: "2026-03-01", CreatedAt: t0, Active: true}
	if m := roundTrip(t, Consent(k)); at(m, "scope", "coding", 0, "code") != "treatment" || at(m, "provision", "actor") != nil {
		t.Errorf("treatment consent: %v", m)
	}
}

func TestCarePlanAndGoalRoundTrip(t *testing.T) {
	signed := t0.Add(time.Hour)
	problems := []carepath.Problem{{Statement: "Depressed mood", InOwnWords: "I feel stuck", Goals: []carepath.Goal{
		{Statement: "Feel less depressed", InOwnWords: "Enjoy mornings again", Objectives: []carepath.Objective{
			{Statement: "PHQ-9 under 10", TargetDate: "2026-05-01", Interventions: []carepath.Intervention{
				{Kind: carepath.InterventionCBT, Frequency: "weekly"}, {Kind: carepath.InterventionOther, Description: "Walking group"}}}}}}}}
	v1 := &carepath.TreatmentPlan{ID: "plan1", ClientID: clientID, Version: 1, Status: carepath.TreatmentPlanSigned, Problems: problems, ReviewDate: "2026-04-01",
		CreatedBy: staffID, CreatedAt: t0, UpdatedAt: signed, SignedBy: "signer", SignedAt: &signed, Revision: 2}
	v2 := &carepath.TreatmentPlan{ID: "plan2", ClientID: clientID, Version: 2, Status: carepath.TreatmentPlanSigned, Problems: problems, ReviewDate: "2026-05-01",
		CreatedBy: staffID, CreatedAt: t0, UpdatedAt: signed, SignedBy: "signer", SignedAt: &signed, Revision: 3}
	v3 := &carepath.TreatmentPlan{ID: "plan3", ClientID: clientID, Version: 3, Status: carepath.TreatmentPlanDraft, Problems: problems, ReviewDate: "2026-06-01",
		CreatedBy: staffID, CreatedAt: t0, UpdatedAt: t0, Revision: 1}
	versions := []*carepath.TreatmentPlan{v3, v2, v1}
	for _, tc := range []struct {
		plan                   *carepath.TreatmentPlan
		status, goal, activity string
		replaces               string
	}{
		{v1, "revoked", "cancelled", "stopped", ""},
		{v2, "active", "active", "in-progress", "CarePlan/plan1"},
		{v3, "draft", "proposed", "not-started", "CarePlan/plan2"},
	} {
		m := roundTrip(t, CarePlan(tc.plan, versions))
		if at(m, "status") != tc.status || at(m, "activity", 0, "detail", "status") != tc.activity ||
			at(m, "goal", 0, "reference") != "Goal/"+tc.plan.ID+".1.1" || at(m, "addresses", 0, "display") != "Depressed mood" ||
			at(m, "activity", 1, "detail", "description") != "Walking group" || at(m, "activity", 0, "detail", "scheduledString") != "weekly" ||
			at(m, "activity", 0, "detail", "code", "coding", 0, "code") != "cbt" || at(m, "extension", 0, "valueDate") != tc.plan.ReviewDate ||
			at(m, "meta", "versionId") != itoa(tc.plan.Revision) || at(m, "category", 0, "coding", 0, "code") != "assess-plan" {
			t.Errorf("care plan v%d: %v", tc.plan.Version, m)
		}
		if rep, _ := at(m, "replaces", 0, "reference").(string); rep != tc.replaces {
			t.Errorf("care plan v%d replaces %q, want %q", tc.plan.Version, rep, tc.replaces)
		}
		goals := Goals(tc.plan, versions)
		if len(goals) != 1 {
			t.Fatalf("goals: %d", len(goals))
		}
		g := roundTrip(t, goals[0])
		if at(g, "id") != tc.plan.ID+".1.1" || at(g, "lifecycleStatus") != tc.goal || at(g, "description", "text") != "Feel less depressed" ||
			at(g, "target", 0, "dueDate") != "2026-05-01" || at(g, "target", 0, "detailString") != "PHQ-9 under 10" ||
			at(g, "note", 0, "text") != "In the person's own words: Enjoy mornings again" {
			t.Errorf("goal of v%d: %v", tc.plan.Version, g)
		}
	}
	if g := Goals(v1, versions)[0]; !strings.Contains(g.StatusReason, "Version 2") {
		t.Errorf("replaced goal reason: %q", g.StatusReason)
	}
}

func TestGroupRoundTrip(t *testing.T) {
	g := &carepath.Group{ID: "g1", ProgramID: "p1", Name: "Tuesday process", Type: "process", FacilitatorIDs: []string{staffID},
		StartDate: "2026-01-06", Members: []carepath.GroupMember{
			{ClientID: clientID, From: "2026-01-06", Until: "2026-02-03"},
			{ClientID: "c2", From: "2026-01-13"}, {ClientID: "c3", From: "2026-04-01"}}}
	m := roundTrip(t, Group(g, "2026-03-01"))
	if at(m, "quantity") != 1.0 || at(m, "member", 0, "period", "end") != "2026-02-02" || at(m, "member", 0, "inactive") != true ||
		at(m, "member", 1, "inactive") != nil || at(m, "code", "coding", 0, "code") != "process" || at(m, "actual") != true ||
		at(m, "managingEntity", "reference") != "Practitioner/"+staffID || at(m, "active") != true {
		t.Errorf("group: %v", m)
	}
}

func TestAppointmentAndEncounterRoundTrip(t *testing.T) {
	o := &carepath.Occurrence{ID: "01959c3e-0000-7000-8000-0000000000f1:2026-03-03", SeriesID: "01959c3e-0000-7000-8000-0000000000f1",
		ProgramID: "p1", Kind: carepath.SessionGroup, GroupID: "01959c3e-0000-7000-8000-0000000000f1", GroupType: "skills",
		Date: "2026-03-03", Start: "2026-03-03T09:00:00-06:00", Minutes: 180, ClinicianIDs: []string{staffID},
		ClientIDs: []string{clientID}, Modality: "in_person", Room: "Room 2", AttendanceVersion: 2}
	m := roundTrip(t, Appointment(o, appointmentStatus(o, nil)))
	if at(m, "id") != "01959c3e-0000-7000-8000-0000000000f1.2026-03-03" || at(m, "status") != "fulfilled" ||
		at(m, "start") != "2026-03-03T09:00:00-06:00" || at(m, "end") != "2026-03-03T12:00:00-06:00" ||
		at(m, "description") != "Skills group, Room 2" || at(m, "supportingInformation", 0, "reference") != "Group/"+o.GroupID ||
		at(m, "participant", 0, "actor", "reference") != "Patient/"+clientID || at(m, "participant", 2, "actor", "reference") != "HealthcareService/p1" {
		t.Errorf("appointment: %v", m)
	}
	single := *o
	single.Kind, single.GroupID = carepath.SessionIndividual, ""
	for _, tc := range []struct {
		rec  *carepath.AttendanceRecord
		want string
	}{{nil, "fulfilled"}, {&carepath.AttendanceRecord{Status: "absent_unexcused"}, "noshow"}, {&carepath.AttendanceRecord{Status: "late"}, "fulfilled"}} {
		if got := appointmentStatus(&single, tc.rec); got != tc.want {
			t.Errorf("status with %+v = %s, want %s", tc.rec, got, tc.want)
		}
	}
	single.AttendanceVersion = 0
	if got := appointmentStatus(&single, nil); got != "booked" {
		t.Errorf("no attendance: %s", got)
	}

	episodes := []*carepath.Episode{{ID: "e-old", ClientID: clientID, ProgramID: "p1", AdmittedOn: "2025-01-01", DischargedOn: "2025-06-01"},
		{ID: "e-now", ClientID: clientID, ProgramID: "p1", AdmittedOn: "2026-02-01"}}
	a := &carepath.ClientAttendance{Occurrence: o, SheetVersion: 2,
		Record: carepath.AttendanceRecord{ClientID: clientID, Status: "left_early", Minutes: 120, RecordedBy: staffID, RecordedAt: t0}}
	e, ok := Encounter(a, episodes)
	if !ok {
		t.Fatal("no encounter id")
	}
	m = roundTrip(t, e)
	if at(m, "status") != "finished" || at(m, "class", "code") != "AMB" || at(m, "length", "value") != 120.0 ||
		at(m, "extension", 0, "valueCoding", "code") != "left_early" || at(m, "episodeOfCare", 0, "reference") != "EpisodeOfCare/e-now" ||
		at(m, "appointment", 0, "reference") != "Appointment/"+appointmentID(o.ID) || at(m, "meta", "versionId") != "2" ||
		at(m, "period", "start") != "2026-03-03T09:00:00-06:00" {
		t.Errorf("encounter: %v", m)
	}
	occ, client, ok := splitEncounterID(e.ID)
	if !ok || occ != o.ID || client != clientID {
		t.Errorf("encounter id %s reads back as %s %s %v", e.ID, occ, client, ok)
	}
	a.Record.Status = "absent_excused"
	o.Modality = "telehealth"
	e, _ = Encounter(a, episodes)
	if m := roundTrip(t, e); at(m, "status") != "cancelled" || at(m, "class", "code") != "VR" {
		t.Errorf("absent telehealth encounter: %v", m)
	}
}

func TestAuditEventRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		e       carepath.AccessLogEntry
		action  string
		outcome string
		who     string
		what    string
	}{
		{carepath.AccessLogEntry{ID: 7, At: t0, ActorID: staffID, Role: carepath.RoleClinician, Action: "client.read", RecordType: "client",
			RecordID: clientID, ClientID: clientID, Remote: "192.0.2.9", Allowed: true, Detail: "ok"}, "R", "0", "Practitioner/" + staffID, ""},
		{carepath.AccessLogEntry{ID: 8, At: t0, ActorID: staffID, Role: carepath.RoleClinician, Action: "measure.create", RecordType: "measure",
			RecordID: "m1", ClientID: clientID, Remote: "192.0.2.9", Allowed: false, Detail: "denied"}, "C", "4", "Practitioner/" + staffID, "QuestionnaireResponse/m1"},
		{carepath.AccessLogEntry{ID: 9, At: t0, ActorID: "public", Role: carepath.RolePublic, Action: "intake.create", RecordType: "intake",
			RecordID: "i1", Remote: "198.51.100.4", Allowed: true, Detail: "ok"}, "C", "0", "", ""},
	} {
		m := roundTrip(t, AuditEvent(&tc.e))
		who, _ := at(m, "agent", 0, "who", "reference").(string)
		if at(m, "action") != tc.action || at(m, "outcome") != tc.outcome || who != tc.who || at(m, "subtype", 0, "code") != tc.e.Action ||
			at(m, "recorded") != "2026-03-02T15:04:05Z" || at(m, "agent", 0, "network", "address") != tc.e.Remote {
			t.Errorf("audit %d: %v", tc.e.ID, m)
		}
		if tc.what != "" && at(m, "entity", 1, "what", "reference") != tc.what {
			t.Errorf("audit %d entity: %v", tc.e.ID, at(m, "entity"))
		}
	}
}

func TestIDsReadBack(t *testing.T) {
	if mid, part, ok := splitObservationID(observationID(clientID, partItem9)); !ok || mid != clientID || part != partItem9 {
		t.Error("observation id")
	}
	if _, _, ok := splitObservationID(clientID + ".nonsense"); ok {
		t.Error("unknown part accepted")
	}
	if p, pr, g, ok := splitGoalID(goalID("plan1", 2, 4)); !ok || p != "plan1" || pr != 2 || g != 4 {
		t.Error("goal id")
	}
	occ := "01959c3e-0000-7000-8000-0000000000f1:2026-03-03"
	if back, ok := occurrenceOf(appointmentID(occ)); !ok || back != occ {
		t.Error("appointment id")
	}
	for range 200 {
		u1, u2 := randomUUID(), randomUUID()
		id, ok := encounterID(u1+":2026-12-31", u2)
		if !ok || len(id) > 64 || !validID.MatchString(id) {
			t.Fatalf("encounter id %q", id)
		}
		o, c, ok := splitEncounterID(id)
		if !ok || o != u1+":2026-12-31" || c != u2 {
			t.Fatalf("%s reads back as %s %s", id, o, c)
		}
	}
	if _, _, ok := splitEncounterID("e" + strings.Repeat("z", 44) + "20260101"); ok {
		t.Error("non-canonical encounter id accepted")
	}
}

func randomUUID() string { return uuid.New().String() }
