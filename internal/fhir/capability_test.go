package fhir

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestCapabilityStatement checks that the statement lists exactly what answers: every type it
// lists is read and searched (and created, and $everything, where it says so), every search
// parameter it lists is accepted under strict handling, and types it leaves out (Medication,
// Claim) are not served. It is public: it needs no sign-in.
func TestCapabilityStatement(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "/fhir/R4/metadata", "")
	if r.status != 200 || r.body["resourceType"] != "CapabilityStatement" || r.body["fhirVersion"] != "4.0.1" {
		t.Fatalf("metadata: %d %s", r.status, r.raw)
	}
	listed := map[string]map[string]any{}
	for _, res := range at(r.body, "rest", 0, "resource").([]any) {
		rm := res.(map[string]any)
		listed[rm["type"].(string)] = rm
	}
	var names []string
	for _, typ := range f.h.types {
		names = append(names, typ.name)
	}
	if len(listed) != len(names) {
		t.Errorf("statement lists %d types, the table has %d", len(listed), len(names))
	}
	samples := map[string]string{"Patient": "patient=" + f.client.ID}
	for typ, rm := range listed {
		var interactions []string
		for _, i := range rm["interaction"].([]any) {
			interactions = append(interactions, i.(map[string]any)["code"].(string))
		}
		if !slices.Contains(interactions, "read") || !slices.Contains(interactions, "search-type") {
			t.Errorf("%s: interactions %v", typ, interactions)
		}
		if slices.Contains(interactions, "create") != (typ == "QuestionnaireResponse") {
			t.Errorf("%s: create listed %v", typ, interactions)
		}
		if r := f.get(t, "/fhir/R4/"+typ+"/no-such-id", f.asAdmin()); r.status != 404 || !strings.Contains(string(r.raw), "no "+typ) {
			t.Errorf("%s read route: %d %s", typ, r.status, r.raw)
		}
		for _, sp := range rm["searchParam"].([]any) {
			name := sp.(map[string]any)["name"].(string)
			value := map[string]string{"date": "ge2000", "_lastUpdated": "ge2000", "birthdate": "ge1900", "authored": "ge2000",
				"target-date": "ge2000", "period": "ge2000", "onset-date": "ge2000", "abatement-date": "ge2000", "recorded-date": "ge2000", "_id": "x", "name": "x", "family": "x", "given": "x", "title": "x"}[name]
			switch sp.(map[string]any)["type"] {
			case "reference":
				value = "x"
			case "token":
				if value == "" {
					value = "x"
				}
			}
			query := name + "=" + value
			if typ != "Patient" && slices.ContainsFunc(rm["searchParam"].([]any), func(p any) bool { return p.(map[string]any)["name"] == "patient" }) && name != "patient" {
				query += "&patient=" + f.client.ID
			}
			if typ == "Appointment" {
				query += "&date=ge2020-01-01&date=lt2021-01-01"
			}
			if typ == "AuditEvent" && name == "patient" {
				query = "patient=" + f.client.ID
			}
			r := f.get(t, "/fhir/R4/"+typ+"?"+query, f.asAdmin(), "Prefer", "handling=strict")
			if r.status != 200 {
				t.Errorf("%s?%s (listed): %d %s", typ, query, r.status, r.raw)
			}
		}
		_ = samples
	}
	if at(listed["Patient"], "operation", 0, "name") != "everything" {
		t.Errorf("Patient operations: %v", listed["Patient"]["operation"])
	}
	for _, typ := range []string{"Medication", "Claim"} {
		if listed[typ] != nil {
			t.Errorf("%s is listed but not served", typ)
		}
		if r := f.get(t, "/fhir/R4/"+typ+"?patient="+f.client.ID, f.asAdmin()); r.status != 404 {
			t.Errorf("%s search: %d", typ, r.status)
		}
	}
	if r := f.call(t, http.MethodPost, "/fhir/R4/Patient", f.asAdmin(), []byte(`{"resourceType":"Patient"}`)); r.status != 405 {
		t.Errorf("create Patient (not listed): %d", r.status)
	}
}
