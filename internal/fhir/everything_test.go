package fhir

import (
	"github.com/carepath/carepath/internal/fhir/r4"
	"slices"
	"strings"
	"testing"
)

// TestEverything checks Patient/$everything: one client's whole record with what it refers to,
// every reference resolving within the bundle or the server; _since and paging; a role that may
// read only part of the record gets that part and a note; 404 outside the care team.
func TestEverything(t *testing.T) {
	f := newFixture(t)
	path := "/fhir/R4/Patient/" + f.client.ID + "/$everything"
	r := f.get(t, path+"?_count=500", f.asClin())
	if r.status != 200 || r.body["type"] != "searchset" {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	count := map[string]int{}
	for _, res := range entries(r.body, "match") {
		count[res["resourceType"].(string)]++
	}
	want := map[string]int{"Patient": 1, "EpisodeOfCare": 1, "QuestionnaireResponse": 6, "Observation": 10, "CarePlan": 2,
		"Goal": 2, "Consent": 1, "Encounter": 2, "Appointment": count["Appointment"], "Group": 1, "Condition": 2, "Coverage": 1}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("%s: %d, want %d", typ, count[typ], n)
		}
	}
	if count["Appointment"] < 10 {
		t.Errorf("appointments: %d", count["Appointment"])
	}
	if r.body["total"] != float64(len(entries(r.body, "match"))) {
		t.Errorf("total %v of %d", r.body["total"], len(entries(r.body, "match")))
	}
	// Every reference resolves: to a resource in the bundle, or one the server reads.
	inBundle := map[string]bool{}
	for _, res := range entries(r.body, "") {
		if id, ok := res["id"].(string); ok {
			inBundle[res["resourceType"].(string)+"/"+id] = true
		}
	}
	included := map[string]bool{}
	for _, res := range entries(r.body, "include") {
		included[res["resourceType"].(string)] = true
	}
	for _, typ := range []string{"Organization", "Practitioner", "HealthcareService", "Questionnaire"} {
		if !included[typ] {
			t.Errorf("no %s included", typ)
		}
	}
	refs := map[string]bool{}
	for _, res := range entries(r.body, "") {
		collectRefs(mapResource(res), refs)
	}
	for ref := range refs {
		if ref == "#" || inBundle[ref] {
			continue
		}
		if got := f.get(t, "/fhir/R4/"+ref, f.asAdmin()); got.status != 200 {
			t.Errorf("reference %s does not resolve: %d", ref, got.status)
		}
	}
	// The other client on the shared group appears nowhere: the bundle is one client's record.
	if strings.Contains(string(r.raw), f.hidden.ID) {
		t.Errorf("another client's id in the bundle")
	}

	// Paging: the pages hold the record once.
	var seen []string
	for p := path + "?_count=7"; p != ""; {
		pr := f.get(t, p, f.asClin())
		for _, res := range entries(pr.body, "match") {
			seen = append(seen, res["resourceType"].(string)+"/"+res["id"].(string))
		}
		p = link(pr.body, "next")
	}
	if len(seen) != len(entries(r.body, "match")) || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != len(seen) {
		t.Errorf("paged: %d of %d", len(seen), len(entries(r.body, "match")))
	}

	// _since keeps what changed since then.
	if s := f.get(t, path+"?_since=2999-01-01T00:00:00Z", f.asClin()); len(entries(s.body, "match")) >= len(entries(r.body, "match")) {
		t.Errorf("_since in the future kept %d", len(entries(s.body, "match")))
	}

	// The front desk reads demographics, consents and the schedule, not the clinical record.
	d := f.get(t, path+"?_count=500", f.asDesk())
	types := map[string]bool{}
	for _, res := range entries(d.body, "match") {
		types[res["resourceType"].(string)] = true
	}
	oo := entries(d.body, "outcome")
	if d.status != 200 || !types["Patient"] || !types["Consent"] || !types["Appointment"] || types["Observation"] || types["EpisodeOfCare"] ||
		len(oo) != 1 || !strings.Contains(at(oo[0], "issue", 0, "diagnostics").(string), "Observation") {
		t.Errorf("front desk: %d %v %v", d.status, types, oo)
	}
	if h := f.get(t, "/fhir/R4/Patient/"+f.hidden.ID+"/$everything", f.asClin()); h.status != 404 {
		t.Errorf("outside the care team: %d", h.status)
	}
	if h := f.get(t, "/fhir/R4/Patient/"+f.client.ID+"/$everything?_since=yesterday", f.asClin()); h.status != 400 {
		t.Errorf("bad _since: %d", h.status)
	}
}

// mapResource wraps decoded JSON so collectRefs can walk it.
type mapResource map[string]any

func (m mapResource) ResourceKind() string   { return m["resourceType"].(string) }
func (m mapResource) ResourceID() string     { s, _ := m["id"].(string); return s }
func (m mapResource) ResourceMeta() *r4.Meta { return nil }
