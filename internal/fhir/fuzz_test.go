package fhir

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"
)

// FuzzReadImport checks that reading a QuestionnaireResponse to record never panics, and that
// what it accepts is complete: a form, a client, a time and an answer within range per item.
func FuzzReadImport(f *testing.F) {
	seed, _ := json.Marshal(phq9Response("01959c3e-0000-7000-8000-000000000001", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	for _, s := range []string{string(seed), `{}`, `{"resourceType":"QuestionnaireResponse","item":[{"item":[{"answer":[{"item":[]}]}]}]}`,
		`{"resourceType":"QuestionnaireResponse","questionnaire":"Questionnaire/checkin","item":[{"linkId":"craving","answer":[{"valueInteger":1e99}]}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var doc map[string]any
		if json.Unmarshal([]byte(s), &doc) != nil {
			return
		}
		im, issues := readImport(doc, time.UTC)
		if im == nil {
			if len(issues) == 0 {
				t.Fatal("refused without an issue")
			}
			return
		}
		if len(issues) != 0 || im.form == nil || im.clientID == "" || im.takenAt.IsZero() {
			t.Fatalf("accepted an incomplete response: %+v %v", im, issues)
		}
		for i, it := range im.form.items {
			a := im.answers[i]
			if it.options != nil && (a < 0 || a >= len(it.options)) || it.options == nil && (a < it.min || a > it.max) {
				t.Fatalf("answer %d of item %s out of range", a, it.key)
			}
		}
		im.totalIssue()
	})
}

// FuzzParseQuery checks that no search string makes the query parser panic.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"patient=1&date=ge2024-01&code=http://loinc.org|44261-6", "name:exact=A&_count=3", "date=ap2024,eb2023&_id=a,b",
		"subject:Patient=Patient/1&_summary=count", "code=a\\|b|c\\,d"} {
		f.Add(s)
	}
	h := &Handler{opt: Options{Zone: time.UTC, Now: time.Now}}
	types := resourceTypes()
	f.Fuzz(func(t *testing.T, s string) {
		values, err := url.ParseQuery(s)
		if err != nil {
			return
		}
		for _, typ := range types {
			if q, err := h.parseQuery(typ, values, false); err == nil {
				q.ids()
				q.patients()
			}
		}
	})
}
