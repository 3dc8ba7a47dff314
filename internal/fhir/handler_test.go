package fhir

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// TestReadEveryType reads one record of every type in the table as a clinician on the care
// team, and checks the version headers, 404 for unknown ids and for records outside the care
// team (the same answer), 403 for a role the policy refuses, and 401 without an actor.
func TestReadEveryType(t *testing.T) { checkReadEveryType(t, newFixture(t)) }

// checkReadEveryType reads each type as the roles that may and may not see it.
func checkReadEveryType(t *testing.T, f *fixture) {
	m := f.measures[0]
	occ := f.session.ID + "." + f.session.Date
	enc, _ := encounterID(f.groupOcc, f.client.ID)
	hiddenEnc, _ := encounterID(f.groupOcc, f.hidden.ID)
	for _, tc := range []struct {
		path   string
		actor  string
		status int
		etag   string
	}{
		{"Patient/" + f.client.ID, f.asClin(), 200, `W/"1"`},
		{"Patient/" + f.hidden.ID, f.asClin(), 404, ""},
		{"Patient/0190a0b2-0000-7000-8000-000000000000", f.asClin(), 404, ""},
		{"Patient/" + f.client.ID, "reviewer:r1", 404, ""}, // a reviewer sees only the clients of authorizations assigned to them
		{"Patient/" + f.client.ID, "", 401, ""},
		{"Practitioner/" + f.clin, f.asClin(), 200, ""},
		{"Practitioner/nobody", f.asClin(), 404, ""},
		{"Organization/clinic", f.asClin(), 200, ""},
		{"Organization/other", f.asClin(), 404, ""},
		{"HealthcareService/" + f.program.ID, f.asDesk(), 200, `W/"1"`},
		{"EpisodeOfCare/" + f.episode.ID, f.asClin(), 200, `W/"2"`},
		{"EpisodeOfCare/" + f.episode.ID, f.asOther(), 404, ""},
		{"EpisodeOfCare/" + f.episode.ID, f.asDesk(), 403, ""},
		{"Questionnaire/phq9", f.asClin(), 200, ""},
		{"Questionnaire/bdi", f.asClin(), 404, ""},
		{"QuestionnaireResponse/" + m.ID, f.asClin(), 200, `W/"1"`},
		{"QuestionnaireResponse/" + f.hiddenM.ID, f.asClin(), 404, ""},
		{"Observation/" + m.ID + ".total", f.asClin(), 200, `W/"1"`},
		{"Observation/" + m.ID + ".item9", f.asClin(), 200, `W/"1"`},
		{"Observation/" + f.measures[1].ID + ".item9", f.asClin(), 404, ""}, // a GAD-7 has no item 9
		{"Observation/" + f.hiddenM.ID + ".total", f.asClin(), 404, ""},
		{"Observation/" + m.ID, f.asClin(), 404, ""},
		{"CarePlan/" + f.plans[0].ID, f.asClin(), 200, `W/"2"`},
		{"CarePlan/" + f.plans[0].ID, f.asOther(), 404, ""},
		{"CarePlan/" + f.plans[0].ID, f.asDesk(), 403, ""},
		{"Goal/" + f.plans[0].ID + ".1.1", f.asClin(), 200, `W/"2"`},
		{"Goal/" + f.plans[0].ID + ".1.1", f.asOther(), 404, ""},
		{"Goal/" + f.plans[0].ID + ".2.1", f.asClin(), 404, ""},
		{"Group/" + f.group.ID, f.asDesk(), 200, ""},
		{"Appointment/" + occ, f.asClin(), 200, ""},
		{"Appointment/" + occ, f.asOther(), 404, ""},
		{"Appointment/" + occ, "reviewer:r1", 403, ""},
		{"Appointment/" + f.session.ID + ".2001-01-01", f.asClin(), 404, ""},
		{"Encounter/" + enc, f.asClin(), 200, `W/"1"`},
		{"Encounter/" + hiddenEnc, f.asClin(), 404, ""},
		{"Consent/" + f.consent.ID, f.asClin(), 200, `W/"1"`},
		{"Consent/" + f.consent.ID, f.asOther(), 404, ""},
		{"AuditEvent/1", f.asAdmin(), 200, `W/"1"`},
		{"AuditEvent/1", f.asClin(), 403, ""},
		{"Condition/" + f.conditionID(f.diagnoses[0]), f.asClin(), 200, ""},
		{"Condition/" + f.conditionID(f.diagnoses[1]), f.asAdmin(), 200, ""},
		{"Condition/" + f.conditionID(f.diagnoses[0]), f.asOther(), 404, ""},
		{"Condition/" + f.conditionID(f.diagnoses[0]), f.asDesk(), 403, ""},
		{"Condition/" + f.conditionID(f.hiddenD), f.asClin(), 404, ""},
		{"Condition/x", f.asClin(), 404, ""},
		{"Coverage/" + f.coverageID(f.coverage), f.asClin(), 200, `W/"1"`},
		{"Coverage/" + f.coverageID(f.coverage), f.asDesk(), 200, `W/"1"`},
		{"Coverage/" + f.coverageID(f.coverage), f.asOther(), 404, ""},
		{"Coverage/" + f.coverageID(f.hiddenC), f.asClin(), 404, ""},
		{"Coverage/x", f.asClin(), 404, ""},
		{"Patient/" + strings.Repeat("x", 65), f.asClin(), 404, ""},
	} {
		r := f.get(t, "/fhir/R4/"+tc.path, tc.actor)
		if r.status != tc.status {
			t.Errorf("%s as %s: %d, want %d: %s", tc.path, tc.actor, r.status, tc.status, r.raw)
			continue
		}
		if got := r.header.Get("ETag"); got != tc.etag {
			t.Errorf("%s: ETag %q, want %q", tc.path, got, tc.etag)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/fhir+json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tc.path, ct)
		}
		if tc.status != 200 {
			if r.body["resourceType"] != "OperationOutcome" {
				t.Errorf("%s: error body %s", tc.path, r.raw)
			}
			continue
		}
		typ, id, _ := strings.Cut(tc.path, "/")
		if r.body["resourceType"] != typ || r.body["id"] != id {
			t.Errorf("%s: read %v %v", tc.path, r.body["resourceType"], r.body["id"])
		}
	}
	// The 404 of a record outside the care team says what the 404 of a missing one says.
	a := f.get(t, "/fhir/R4/Patient/"+f.hidden.ID, f.asClin())
	b := f.get(t, "/fhir/R4/Patient/0190a0b2-0000-7000-8000-000000000000", f.asClin())
	if string(a.raw) != string(b.raw) {
		t.Errorf("hidden and missing differ:\n%s\n%s", a.raw, b.raw)
	}
}

// TestReadsAreAudited reads one record of each type that holds or lists client data and checks
// that the read left the audit row every other read of it leaves, under the reader's id; and
// that a denied read is audited as denied.
func TestReadsAreAudited(t *testing.T) { checkReadsAreAudited(t, newFixture(t)) }

// checkReadsAreAudited is TestReadsAreAudited on a fixture.
func checkReadsAreAudited(t *testing.T, f *fixture) {
	count := func(where string, args ...any) int {
		var n int
		if err := f.env.Write.QueryRow("SELECT count(*) FROM audit_log WHERE "+where, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	enc, _ := encounterID(f.groupOcc, f.client.ID)
	for _, tc := range []struct {
		path, action, actor, actorID string
	}{
		{"Patient/" + f.client.ID, "client.read", f.asClin(), f.clin},
		{"Practitioner/" + f.clin, "staff.list", f.asClin(), f.clin},
		{"HealthcareService/" + f.program.ID, "program.read", f.asClin(), f.clin},
		{"EpisodeOfCare/" + f.episode.ID, "episode.read", f.asClin(), f.clin},
		{"QuestionnaireResponse/" + f.measures[0].ID, "measure.read", f.asClin(), f.clin},
		{"Observation/" + f.measures[0].ID + ".item9", "measure.read", f.asClin(), f.clin},
		{"CarePlan/" + f.plans[0].ID, "plan.read", f.asClin(), f.clin},
		{"Goal/" + f.plans[0].ID + ".1.1", "plan.read", f.asClin(), f.clin},
		{"Group/" + f.group.ID, "group.read", f.asClin(), f.clin},
		{"Appointment/" + appointmentID(f.groupOcc), "session.read", f.asClin(), f.clin},
		{"Encounter/" + enc, "attendance.read", f.asClin(), f.clin},
		{"Consent/" + f.consent.ID, "consent.read", f.asClin(), f.clin},
		{"Condition/" + f.conditionID(f.diagnoses[0]), "diagnosis.list", f.asClin(), f.clin},
		{"Condition?patient=" + f.client.ID, "diagnosis.list", f.asClin(), f.clin},
		{"Coverage/" + f.coverageID(f.coverage), "coverage.list", f.asClin(), f.clin},
		{"Coverage?beneficiary=" + f.client.ID, "coverage.list", f.asDesk(), f.desk},
		{"AuditEvent/1", "audit.read", f.asAdmin(), f.admin},
		{"Observation?patient=" + f.client.ID, "measure.list", f.asClin(), f.clin},
		{"Patient?name=lóp", "client.list", f.asAdmin(), f.admin},
		{"Encounter?patient=" + f.client.ID, "attendance.read", f.asClin(), f.clin},
	} {
		before := count("action = $1 AND actor_id = $2 AND allowed = $3", tc.action, tc.actorID, true)
		if r := f.get(t, "/fhir/R4/"+tc.path, tc.actor); r.status != 200 {
			t.Fatalf("%s: %d", tc.path, r.status)
		}
		if got := count("action = $1 AND actor_id = $2 AND allowed = $3", tc.action, tc.actorID, true); got <= before {
			t.Errorf("%s left no %s row", tc.path, tc.action)
		}
	}
	if n := count("action = 'client.list' AND detail LIKE '%lóp%'"); n != 0 {
		t.Errorf("a search term reached the audit log")
	}
	for _, tc := range []struct{ path, action string }{
		{"Observation/" + f.hiddenM.ID + ".total", "measure.read"},
		{"Patient/" + f.hidden.ID, "client.read"},
		{"Condition/" + f.conditionID(f.hiddenD), "diagnosis.list"},
		{"Coverage/" + f.coverageID(f.hiddenC), "coverage.list"},
		{"Consent/" + f.consent.ID, "consent.read"},
	} {
		client := f.hidden.ID
		if strings.HasPrefix(tc.path, "Consent") {
			client = f.client.ID
		}
		actor, actorID := f.asClin(), f.clin
		if client == f.client.ID {
			actor, actorID = f.asOther(), f.other
		}
		before := count("action = $1 AND allowed = $2 AND actor_id = $3 AND client_id = $4", tc.action, false, actorID, client)
		f.get(t, "/fhir/R4/"+tc.path, actor)
		if got := count("action = $1 AND allowed = $2 AND actor_id = $3 AND client_id = $4", tc.action, false, actorID, client); got != before+1 {
			t.Errorf("denied %s: %d rows, want %d", tc.path, got, before+1)
		}
	}
}

// TestObservationSearch is the table of Observation searches of one client: codes with and
// without systems, categories, the date prefixes with partial dates, _lastUpdated, status,
// derived-from and _id, each against the count carepath's records give.
func TestObservationSearch(t *testing.T) {
	f := newFixture(t)
	m := f.measures
	day := func(i int) string { return m[i].TakenAt.Format("2006-01-02") }
	month := m[5].TakenAt.Format("2006-01")
	// The client's observations: 3 PHQ-9 (total and item 9 each), a GAD-7 total, an AUDIT
	// total and AUDIT-C, a check-in: 10.
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 10},
		{"&code=http://loinc.org|44261-6", 3},
		{"&code=44261-6", 3},
		{"&code=|44261-6", 0},
		{"&code=http://snomed.info/sct|44261-6", 0},
		{"&code=44260-8", 3},
		{"&code=44261-6,70274-6", 4},
		{"&code=44261-6&code=70274-6", 0},
		{"&code=http://loinc.org|", 9},
		{"&code=" + Canonical + "/CodeSystem/measure|checkin", 1},
		{"&category=survey", 10},
		{"&category=laboratory", 0},
		{"&status=final", 10},
		{"&status=preliminary", 0},
		{"&date=" + day(0), 2},
		{"&date=eq" + day(0), 2},
		{"&date=ne" + day(0), 8},
		{"&date=gt" + day(2), 5}, // after the second PHQ-9's day: the AUDIT (2), the check-in, the last PHQ-9 (2)
		{"&date=ge" + day(2), 7}, // and that PHQ-9
		{"&date=lt" + day(1), 2}, // the first PHQ-9
		{"&date=le" + day(1), 3}, // and the GAD-7
		{"&date=sa" + day(3), 3}, // the check-in and the last PHQ-9
		{"&date=eb" + day(3), 5}, // before the AUDIT's day
		{"&date=ge" + day(1) + "&date=le" + day(3), 5},
		{"&date=" + day(0) + "," + day(5), 4},
		{"&date=" + m[0].TakenAt.Format("2006-01-02T15:04:05Z"), 2},
		{"&date=" + m[0].TakenAt.Format("2006-01-02T15:04Z"), 2},
		{"&date=gt" + m[0].TakenAt.Format("2006-01-02T15:04:05Z"), 8},
		{"&date=" + m[0].TakenAt.In(time.FixedZone("", -6*3600)).Format(time.RFC3339), 2},
		{"&date=ap" + day(5), 2},
		{"&_lastUpdated=ge" + f.now.AddDate(0, 0, -1).Format("2006-01-02"), 10},
		{"&_lastUpdated=lt2000", 0},
		{"&derived-from=QuestionnaireResponse/" + m[0].ID, 2},
		{"&_id=" + m[0].ID + ".item9," + m[3].ID + ".auditc", 2},
		{"&_id=" + f.hiddenM.ID + ".total", 0},
		{"&code=44261-6&date=" + month, countIn(m, "phq9", month)},
	} {
		for _, key := range []string{"patient", "subject", "patient:Patient", "subject:Patient"} {
			r := f.get(t, "/fhir/R4/Observation?"+key+"=Patient/"+f.client.ID+tc.query, f.asClin())
			got := entries(r.body, "match")
			if r.status != 200 || len(got) != tc.want {
				t.Errorf("%s%s: %d, %d matches, want %d: %v", key, tc.query, r.status, len(got), tc.want, ids(got))
			}
			if total, _ := r.body["total"].(float64); r.status == 200 && !strings.Contains(tc.query, "_id") && !strings.Contains(tc.query, "derived-from") && int(total) != tc.want {
				t.Errorf("%s%s: total %v, want %d", key, tc.query, r.body["total"], tc.want)
			}
		}
	}
	// Without a patient: every client the actor may see; the other clinician's client is left out.
	r := f.get(t, "/fhir/R4/Observation?code=44261-6", f.asClin())
	if n := len(entries(r.body, "match")); n != 3 {
		t.Errorf("clinic-wide as clinician: %d", n)
	}
	r = f.get(t, "/fhir/R4/Observation?code=44261-6", f.asAdmin())
	if n := len(entries(r.body, "match")); n != 4 {
		t.Errorf("clinic-wide as admin: %d", n)
	}
	r = f.get(t, "/fhir/R4/Observation?patient="+f.hidden.ID, f.asClin())
	if r.status != 200 || len(entries(r.body, "match")) != 0 || r.body["total"] != 0.0 {
		t.Errorf("another caseload: %d %s", r.status, r.raw)
	}
	r = f.get(t, "/fhir/R4/Observation?patient=Group/"+f.group.ID, f.asClin())
	if r.status != 400 {
		t.Errorf("patient=Group/…: %d", r.status)
	}
}

// countIn counts the measures of inst taken in the month YYYY-MM.
func countIn(ms []*carepath.Measure, inst, month string) int {
	n := 0
	for _, m := range ms {
		if m.Instrument == inst && m.TakenAt.Format("2006-01") == month {
			n++
		}
	}
	return n
}

// TestPaging follows next links with small pages for each kind of paging (by measure, by
// offset in the store, by offset in memory) and checks that the pages hold every match once.
func TestPaging(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/fhir/R4/Observation?patient=" + f.client.ID, 10},
		{"/fhir/R4/QuestionnaireResponse?patient=" + f.client.ID, 6},
		{"/fhir/R4/Patient?", 2},
		{"/fhir/R4/EpisodeOfCare?patient=" + f.client.ID, 1},
		{"/fhir/R4/Questionnaire?", len(allForms)},
		{"/fhir/R4/Observation?code=44260-8,44261-6", 8},
	} {
		for _, count := range []int{1, 2, 3, 50} {
			var seen []string
			path := fmt.Sprintf("%s&_count=%d", tc.path, count)
			for pages := 0; path != ""; pages++ {
				if pages > 20 {
					t.Fatalf("%s: too many pages", tc.path)
				}
				r := f.get(t, path, f.asAdmin())
				page := ids(entries(r.body, "match"))
				if r.status != 200 || len(page) > count {
					t.Fatalf("%s: %d, page of %d: %s", path, r.status, len(page), r.raw)
				}
				if total, ok := r.body["total"].(float64); ok && int(total) != tc.want {
					t.Errorf("%s: total %v, want %d", path, total, tc.want)
				}
				seen = append(seen, page...)
				path = link(r.body, "next")
			}
			if len(seen) != tc.want {
				t.Errorf("%s, _count=%d: %d resources, want %d", tc.path, count, len(seen), tc.want)
			}
			slices.Sort(seen)
			if len(slices.Compact(seen)) != len(seen) {
				t.Errorf("%s, _count=%d: a resource on two pages", tc.path, count)
			}
		}
	}
	r := f.get(t, "/fhir/R4/Observation?patient="+f.client.ID+"&_summary=count", f.asClin())
	if r.body["total"] != 10.0 || r.body["entry"] != nil {
		t.Errorf("_summary=count: %s", r.raw)
	}
	r = f.get(t, "/fhir/R4/Observation?patient="+f.client.ID+"&_count=0", f.asClin())
	if r.body["total"] != 10.0 || r.body["entry"] != nil {
		t.Errorf("_count=0: %s", r.raw)
	}
	if r := f.get(t, "/fhir/R4/EpisodeOfCare?patient="+f.client.ID+"&_page=x", f.asClin()); r.status != 400 {
		t.Errorf("bad _page: %d", r.status)
	}
}

// TestSearchParameters checks the searches of the other types and the handling of unknown
// parameters, modifiers and malformed values.
func TestSearchParameters(t *testing.T) {
	f := newFixture(t)
	dob := f.client.BirthDate
	for _, tc := range []struct {
		path  string
		actor string
		want  int
	}{
		{"Patient?name=lóp", f.asAdmin(), 1},
		{"Patient?name=ann", f.asAdmin(), 1}, // the preferred name
		{"Patient?given=annie", f.asAdmin(), 1},
		{"Patient?family:exact=López", f.asAdmin(), 1},
		{"Patient?family:exact=lópez", f.asAdmin(), 0},
		{"Patient?family:contains=OO", f.asAdmin(), 1},
		{"Patient?birthdate=" + dob, f.asAdmin(), 1},
		{"Patient?birthdate=" + dob[:4], f.asAdmin(), 1},
		{"Patient?birthdate=lt1989&birthdate=gt1980", f.asAdmin(), 1},
		{"Patient?birthdate=ge1989", f.asAdmin(), 1},
		{"Patient?identifier=" + sysClientID + "|" + f.client.ID, f.asAdmin(), 1},
		{"Patient?identifier=urn:other|" + f.client.ID, f.asAdmin(), 0},
		{"Patient?_id=" + f.client.ID + "," + f.hidden.ID, f.asClin(), 1},
		{"Patient?_lastUpdated=ge2000", f.asAdmin(), 2},
		{"Patient", f.asClin(), 1},
		{"EpisodeOfCare?patient=" + f.client.ID + "&status=active", f.asClin(), 1},
		{"EpisodeOfCare?patient=" + f.client.ID + "&type=" + sysLevel + "|php", f.asClin(), 1},
		{"EpisodeOfCare?patient=" + f.client.ID + "&type=iop", f.asClin(), 0},
		{"EpisodeOfCare?_id=" + f.episode.ID, f.asClin(), 1},
		{"EpisodeOfCare?date=ge2000&patient=" + f.client.ID, f.asClin(), 1},
		{"QuestionnaireResponse?patient=" + f.client.ID + "&questionnaire=Questionnaire/phq9", f.asClin(), 3},
		{"QuestionnaireResponse?questionnaire=" + questionnaireBase + "gad7", f.asClin(), 1},
		{"QuestionnaireResponse?subject=" + f.client.ID + "&authored=lt" + f.measures[2].TakenAt.Format("2006-01-02"), f.asClin(), 2},
		{"QuestionnaireResponse?patient=" + f.client.ID + "&status=in-progress", f.asClin(), 0},
		{"CarePlan?patient=" + f.client.ID, f.asClin(), 2},
		{"CarePlan?patient=" + f.client.ID + "&status=active", f.asClin(), 1},
		{"CarePlan?patient=" + f.client.ID + "&status=draft", f.asClin(), 1},
		{"Goal?patient=" + f.client.ID + "&lifecycle-status=active", f.asClin(), 1},
		{"Goal?patient=" + f.client.ID, f.asClin(), 2},
		{"Condition?patient=" + f.client.ID, f.asClin(), 2},
		{"Condition?subject=" + f.client.ID + "&code=" + sysICD10CM + "|F33.1", f.asClin(), 1},
		{"Condition?patient=" + f.client.ID + "&code=F10.20&clinical-status=resolved", f.asClin(), 1},
		{"Condition?patient=" + f.client.ID + "&clinical-status=active", f.asClin(), 1},
		{"Condition?patient=" + f.client.ID + "&category=" + sysDiagnosisRole + "|primary", f.asClin(), 1},
		{"Condition?patient=" + f.client.ID + "&category=problem-list-item", f.asClin(), 2},
		{"Condition?patient=" + f.client.ID + "&onset-date=lt" + f.now.AddDate(0, 0, -60).Format("2006-01-02"), f.asClin(), 1},
		{"Condition?patient=" + f.client.ID + "&abatement-date=ge2000", f.asClin(), 1},
		{"Condition?patient=" + f.hidden.ID, f.asClin(), 0},
		{"Condition?_id=" + f.conditionID(f.diagnoses[0]) + "," + f.conditionID(f.hiddenD), f.asClin(), 1},
		{"Coverage?patient=" + f.client.ID, f.asClin(), 1},
		{"Coverage?beneficiary=" + f.client.ID + "&status=active", f.asDesk(), 1},
		{"Coverage?beneficiary=" + f.client.ID + "&status=cancelled", f.asDesk(), 0},
		{"Coverage?patient=" + f.hidden.ID, f.asClin(), 0},
		{"Consent?patient=" + f.client.ID + "&category=64292-6&status=active", f.asClin(), 1},
		{"Consent?patient=" + f.client.ID + "&scope=treatment", f.asClin(), 0},
		{"Encounter?patient=" + f.client.ID, f.asClin(), 2},
		{"Encounter?patient=" + f.client.ID + "&status=finished", f.asClin(), 1},
		{"Encounter?subject=" + f.client.ID + "&status=cancelled&class=AMB", f.asClin(), 1},
		{"Appointment?patient=" + f.client.ID + "&status=noshow", f.asClin(), 1},
		{"Appointment?patient=" + f.client.ID + "&service-type=group&status=fulfilled", f.asClin(), 1},
		{"Appointment?practitioner=" + f.clin + "&status=noshow", f.asClin(), 1},
		{"Group?member=" + f.client.ID, f.asDesk(), 1},
		{"Group?code=process", f.asDesk(), 0},
		{"HealthcareService?service-type=iop", f.asDesk(), 1},
		{"Practitioner?name=staff&active=true", f.asDesk(), 5},
		{"Organization?name=river", f.asDesk(), 1},
		{"Questionnaire?code=44260-8", f.asDesk(), 1},
		{"Questionnaire?url=" + questionnaireBase + "dast10", f.asDesk(), 1},
		{"AuditEvent?patient=" + f.client.ID + "&_count=5", f.asAdmin(), 5},
		{"AuditEvent?date=lt2000", f.asAdmin(), 0},
		{"AuditEvent?agent=" + f.clin + "&date=ge2000&_count=3", f.asAdmin(), 3},
	} {
		r := f.get(t, "/fhir/R4/"+tc.path, tc.actor, "Prefer", "handling=strict")
		if got := len(entries(r.body, "match")); r.status != 200 || got != tc.want {
			t.Errorf("%s: %d, %d matches, want %d: %s", tc.path, r.status, got, tc.want, r.raw)
		}
	}
	for _, tc := range []struct {
		path   string
		header []string
		status int
		code   string
	}{
		{"Observation?patient=" + f.client.ID + "&color=blue", []string{"Prefer", "handling=strict"}, 400, "not-supported"},
		{"Observation?patient=" + f.client.ID + "&_sort=date", []string{"Prefer", "return=representation, handling=strict"}, 400, "not-supported"},
		{"Observation?patient=" + f.client.ID + "&code:text=depression", nil, 400, "not-supported"},
		{"Observation?patient=" + f.client.ID + "&date=2024-13", nil, 400, "invalid"},
		{"Observation?patient=" + f.client.ID + "&date=xx2024", nil, 400, "invalid"},
		{"Observation?patient=" + f.client.ID + "&_count=-1", nil, 400, "invalid"},
		{"EpisodeOfCare?status=active", nil, 400, "required"},
		{"AuditEvent?date=ne2024", []string{}, 400, "not-supported"},
		{"Appointment?date=ge2000-01-01&date=lt2010-01-01", nil, 400, "too-costly"},
		{"Appointment?patient=" + f.client.ID + "&date=ge2000-01-01", nil, 400, "too-costly"},
	} {
		r := f.get(t, "/fhir/R4/"+tc.path, f.asAdmin(), tc.header...)
		if r.status != tc.status || at(r.body, "issue", 0, "code") != tc.code {
			t.Errorf("%s: %d %s", tc.path, r.status, r.raw)
		}
	}
	// Lenient (the default): unknown parameters are ignored, and the bundle says so.
	r := f.get(t, "/fhir/R4/Observation?patient="+f.client.ID+"&color=blue&_sort=date", f.asClin())
	oo := entries(r.body, "outcome")
	if r.status != 200 || len(entries(r.body, "match")) != 10 || len(oo) != 1 ||
		!strings.Contains(at(oo[0], "issue", 0, "diagnostics").(string), "color") || strings.Contains(link(r.body, "self"), "color") {
		t.Errorf("lenient: %d %s", r.status, r.raw)
	}
	// POST _search takes the same parameters as a form.
	p := f.call(t, http.MethodPost, "/fhir/R4/Observation/_search", f.asClin(), []byte("patient="+f.client.ID+"&code=44261-6"),
		"Content-Type", "application/x-www-form-urlencoded")
	if p.status != 200 || len(entries(p.body, "match")) != 3 {
		t.Errorf("POST _search: %d %s", p.status, p.raw)
	}
}

// TestNegotiation checks the media types: FHIR JSON by default and on request, plain JSON
// when only that is asked for, 406 for anything else, and errors as OperationOutcome.
func TestNegotiation(t *testing.T) {
	f := newFixture(t)
	path := "/fhir/R4/Patient/" + f.client.ID
	for _, tc := range []struct {
		header []string
		status int
		ct     string
	}{
		{nil, 200, "application/fhir+json"},
		{[]string{"Accept", "application/fhir+json"}, 200, "application/fhir+json"},
		{[]string{"Accept", "application/json"}, 200, "application/json"},
		{[]string{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}, 200, "application/fhir+json"},
		{[]string{"Accept", "application/fhir+xml"}, 406, "application/fhir+json"},
	} {
		r := f.get(t, path, f.asClin(), tc.header...)
		if r.status != tc.status || r.header.Get("Content-Type") != tc.ct+"; charset=utf-8" {
			t.Errorf("%v: %d %s", tc.header, r.status, r.header.Get("Content-Type"))
		}
	}
	if r := f.get(t, path+"?_format=xml", f.asClin()); r.status != 406 {
		t.Errorf("_format=xml: %d", r.status)
	}
	if r := f.get(t, path+"?_format=json", f.asClin()); r.status != 200 {
		t.Errorf("_format=json: %d", r.status)
	}
	if r := f.call(t, http.MethodDelete, path, f.asClin(), nil); r.status != 405 || r.body["resourceType"] != "OperationOutcome" {
		t.Errorf("DELETE: %d %s", r.status, r.raw)
	}
	if r := f.call(t, http.MethodPut, path, f.asClin(), []byte(`{}`)); r.status != 405 {
		t.Errorf("PUT: %d", r.status)
	}
	if r := f.get(t, "/fhir/R4/Medication/1", f.asClin()); r.status != 404 || r.body["resourceType"] != "OperationOutcome" {
		t.Errorf("unknown type: %d %s", r.status, r.raw)
	}
}
