package fhir

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// phq9Response is a hand-made PHQ-9 QuestionnaireResponse as LOINC's own form (LHC-Forms)
// writes one: linkIds "/<LOINC>", answers coded with LOINC answer codes, the total score item,
// the unscored difficulty question. Item 9 is "Several days": positive.
func phq9Response(clientID string, authored time.Time) map[string]any {
	codes := []string{"LA6570-1", "LA6569-3", "LA6569-3", "LA6570-1", "LA6568-5", "LA6569-3", "LA6568-5", "LA6568-5", "LA6569-3"}
	loinc := []string{"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"}
	var items []any
	for i, c := range codes {
		items = append(items, map[string]any{"linkId": "/" + loinc[i], "text": "item", "answer": []any{
			map[string]any{"valueCoding": map[string]any{"system": "http://loinc.org", "code": c}}}})
	}
	items = append(items,
		map[string]any{"linkId": "/69722-7", "answer": []any{map[string]any{"valueCoding": map[string]any{"system": "http://loinc.org", "code": "LA6573-5"}}}},
		map[string]any{"linkId": "/44261-6", "answer": []any{map[string]any{"valueInteger": 8}}})
	return map[string]any{
		"resourceType":  "QuestionnaireResponse",
		"id":            "from-the-portal",
		"meta":          map[string]any{"versionId": "7"},
		"questionnaire": "http://loinc.org/q/44249-1",
		"status":        "completed",
		"subject":       map[string]any{"reference": "Patient/" + clientID},
		"authored":      authored.Format(time.RFC3339),
		"item":          []any{map[string]any{"linkId": "/44249-1", "text": "PHQ-9", "item": items}},
	}
}

func body(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// TestImportPHQ9 records a PHQ-9 answered elsewhere with item 9 positive: 201 with the stored
// response and its observations, the same safety alert and crisis flag as a measure entered in
// carepath, and the response readable and searchable afterwards.
func TestImportPHQ9(t *testing.T) {
	f := newFixture(t)
	authored := f.now.Add(-3 * time.Hour).Truncate(time.Second)
	r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(phq9Response(f.client.ID, authored)))
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	id, _ := r.body["id"].(string)
	if id == "from-the-portal" || r.header.Get("Location") != "http://fhir.test/fhir/R4/QuestionnaireResponse/"+id+"/_history/1" ||
		r.header.Get("ETag") != `W/"1"` || at(r.body, "meta", "versionId") != "1" {
		t.Errorf("created: %s %v", r.raw, r.header)
	}
	if at(r.body, "questionnaire") != questionnaireBase+"phq9" || at(r.body, "item", 8, "answer", 0, "valueCoding", "code") != "LA6569-3" ||
		at(r.body, "authored") != r4Instant(authored) || at(r.body, "author", "reference") != "Practitioner/"+f.clin {
		t.Errorf("stored response: %s", r.raw)
	}
	contained, _ := r.body["contained"].([]any)
	if len(contained) != 2 {
		t.Fatalf("contained: %v", contained)
	}
	total, item9 := contained[0].(map[string]any), contained[1].(map[string]any)
	if total["id"] != "total" || at(total, "valueQuantity", "value") != 8.0 || at(total, "code", "coding", 0, "code") != "44261-6" ||
		at(total, "interpretation", 0, "coding", 0, "code") != "mild" || at(total, "derivedFrom", 0, "reference") != "#" ||
		at(total, "identifier", 0, "value") != id+".total" || total["meta"] != nil {
		t.Errorf("contained total: %v", total)
	}
	if at(item9, "interpretation", 0, "coding", 0, "code") != "POS" || !strings.Contains(at(item9, "note", 0, "text").(string), "988") {
		t.Errorf("contained item 9: %v", item9)
	}

	// The same alerts as any measure: the item-9 safety alert first, and the crisis flag.
	alerts, err := f.svc.Measures.(carepath.MeasureAlertService).FindMeasureAlerts(as(carepath.RoleClinician, f.clin), false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(alerts, func(a *carepath.MeasureAlert) bool {
		return a.Kind == "safety_item9" && a.MeasureID == id && a.ClientID == f.client.ID && a.Priority == 1
	}) {
		t.Errorf("no item-9 alert: %+v", alerts)
	}
	series, err := f.svc.Measures.FindMeasures(as(carepath.RoleClinician, f.clin), f.client.ID)
	if err != nil || series.CrisisFlag == nil || series.CrisisFlag.MeasureID != id {
		t.Errorf("crisis flag: %+v %v", series.CrisisFlag, err)
	}

	// Readable and searchable afterwards, the standalone observations as contained.
	if g := f.get(t, "/fhir/R4/QuestionnaireResponse/"+id, f.asClin()); g.status != 200 || g.body["contained"] != nil {
		t.Errorf("read: %d %s", g.status, g.raw)
	}
	if g := f.get(t, "/fhir/R4/Observation/"+id+".item9", f.asClin()); at(g.body, "interpretation", 0, "coding", 0, "code") != "POS" {
		t.Errorf("standalone item 9: %s", g.raw)
	}
	if g := f.get(t, "/fhir/R4/Observation?derived-from=QuestionnaireResponse/"+id, f.asClin()); len(entries(g.body, "match")) != 2 {
		t.Errorf("derived-from: %s", g.raw)
	}

	// Prefer: return=minimal and return=OperationOutcome.
	m := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(phq9Response(f.client.ID, authored)), "Prefer", "return=minimal")
	if m.status != 201 || len(m.raw) != 0 || m.header.Get("Location") == "" {
		t.Errorf("return=minimal: %d %s", m.status, m.raw)
	}
	o := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(phq9Response(f.client.ID, authored)), "Prefer", "return=OperationOutcome")
	if o.status != 201 || o.body["resourceType"] != "OperationOutcome" {
		t.Errorf("return=OperationOutcome: %d %s", o.status, o.raw)
	}
}

// TestImportForms records each form in carepath's own spelling: linkIds are item keys, answers
// codes, strings, booleans or integers.
func TestImportForms(t *testing.T) {
	f := newFixture(t)
	authored := f.now.Add(-time.Hour).Format(time.RFC3339)
	qr := func(form string, answers ...map[string]any) map[string]any {
		var items []any
		for i, a := range answers {
			items = append(items, map[string]any{"linkId": byForm[form].items[i].key, "answer": []any{a}})
		}
		return map[string]any{"resourceType": "QuestionnaireResponse", "questionnaire": "Questionnaire/" + form, "status": "completed",
			"subject": map[string]any{"reference": "Patient/" + f.client.ID}, "authored": authored, "item": items}
	}
	code := func(c string) map[string]any { return map[string]any{"valueCoding": map[string]any{"code": c}} }
	yes := map[string]any{"valueBoolean": true}
	no := map[string]any{"valueBoolean": false}
	for _, tc := range []struct {
		qr    map[string]any
		score float64
	}{
		{qr("gad7", code("LA6568-5"), code("LA6569-3"), code("LA6570-1"), code("LA6571-9"), code("LA6568-5"), code("LA6568-5"), code("LA6568-5")), 6},
		{qr("dast10", yes, no, no, no, no, no, no, no, no, map[string]any{"valueString": "yes"}), 3},
		{qr("auditc", code("LA18928-4"), map[string]any{"valueCoding": map[string]any{"display": "5 or 6"}}, code("LA6270-8")), 5},
		{qr("checkin", map[string]any{"valueInteger": 6}, map[string]any{"valueInteger": 25}, map[string]any{"valueInteger": 3}), 3},
		// The C-SSRS screener asks questions 3–5 only after a yes to question 2: unasked, they are no.
		{cssrsQR(qr, yes, no), 1},
	} {
		r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(tc.qr))
		if r.status != 201 {
			t.Errorf("%v: %d %s", tc.qr["questionnaire"], r.status, r.raw)
			continue
		}
		c := r.body["contained"].([]any)[0].(map[string]any)
		v := at(c, "valueQuantity", "value")
		if v == nil {
			v = at(c, "component", 2, "valueQuantity", "value")
		}
		if v != tc.score {
			t.Errorf("%v: score %v, want %v", tc.qr["questionnaire"], v, tc.score)
		}
	}
	// The C-SSRS screener's yes to question 1 raised its safety alert.
	alerts, err := f.svc.Measures.(carepath.MeasureAlertService).FindMeasureAlerts(as(carepath.RoleClinician, f.clin), false)
	if err != nil || !slices.ContainsFunc(alerts, func(a *carepath.MeasureAlert) bool { return a.Kind == "safety_cssrs" }) {
		t.Errorf("no C-SSRS safety alert: %v %v", alerts, err)
	}
	// After a yes to question 2, questions 3–5 must be answered.
	r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(cssrsQR(qr, no, yes)))
	if r.status != 422 || !strings.Contains(string(r.raw), "Item item3") {
		t.Errorf("C-SSRS without its follow-up answers: %d %s", r.status, r.raw)
	}
}

// cssrsQR is a C-SSRS screener answering questions 1 and 2, then question 6 ("no"), leaving
// questions 3 to 5 unasked.
func cssrsQR(qr func(string, ...map[string]any) map[string]any, q1, q2 map[string]any) map[string]any {
	r := qr("cssrs", q1, q2)
	items := r["item"].([]any)
	r["item"] = append(items, map[string]any{"linkId": "item6", "answer": []any{map[string]any{"valueCoding": map[string]any{"display": "No"}}}})
	return r
}

// TestImportRefused sends bad resources: each is refused with the element path at fault, and
// nothing is stored.
func TestImportRefused(t *testing.T) {
	f := newFixture(t)
	authored := f.now.Add(-3 * time.Hour)
	good := func() map[string]any { return phq9Response(f.client.ID, authored) }
	items := func(qr map[string]any) []any { return qr["item"].([]any)[0].(map[string]any)["item"].([]any) }
	measures := func() int {
		var n int
		if err := f.env.Write.QueryRow(`SELECT count(*) FROM measures`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := measures()
	for _, tc := range []struct {
		name   string
		edit   func(map[string]any)
		raw    string
		ctype  string
		actor  string
		status int
		paths  []string
	}{
		{name: "not JSON", raw: `{"resourceType":`, status: 400},
		{name: "two objects", raw: `{"resourceType":"QuestionnaireResponse"} {}`, status: 400},
		{name: "not FHIR JSON", raw: `{}`, ctype: "text/plain", status: 415},
		{name: "another type", edit: func(q map[string]any) { q["resourceType"] = "Observation" }, status: 422, paths: []string{"QuestionnaireResponse.resourceType"}},
		{name: "in progress", edit: func(q map[string]any) { q["status"] = "in-progress" }, status: 422, paths: []string{"QuestionnaireResponse.status"}},
		{name: "unknown questionnaire", edit: func(q map[string]any) { q["questionnaire"] = "http://loinc.org/q/89204-2" }, status: 422,
			paths: []string{"QuestionnaireResponse.questionnaire"}},
		{name: "no subject", edit: func(q map[string]any) { delete(q, "subject") }, status: 422, paths: []string{"QuestionnaireResponse.subject"}},
		{name: "a group as subject", edit: func(q map[string]any) { q["subject"] = map[string]any{"reference": "Group/1"} }, status: 422,
			paths: []string{"QuestionnaireResponse.subject"}},
		{name: "no authored", edit: func(q map[string]any) { delete(q, "authored") }, status: 422, paths: []string{"QuestionnaireResponse.authored"}},
		{name: "a time without a zone", edit: func(q map[string]any) { q["authored"] = "2026-01-01T10:00:00" }, status: 422,
			paths: []string{"QuestionnaireResponse.authored"}},
		{name: "in the future", edit: func(q map[string]any) { q["authored"] = f.now.Add(48 * time.Hour).Format(time.RFC3339) }, status: 422,
			paths: []string{"QuestionnaireResponse.authored"}},
		{name: "before the first admission", edit: func(q map[string]any) { q["authored"] = "2001-01-01" }, status: 422,
			paths: []string{"QuestionnaireResponse.authored"}},
		{name: "modifierExtension", edit: func(q map[string]any) { q["modifierExtension"] = []any{map[string]any{"url": "x"}} }, status: 422,
			paths: []string{"QuestionnaireResponse.modifierExtension"}},
		{name: "an unknown answer code", edit: func(q map[string]any) {
			items(q)[3].(map[string]any)["answer"] = []any{map[string]any{"valueCoding": map[string]any{"system": "http://loinc.org", "code": "LA9999-9"}}}
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[3].answer[0].valueCoding"}},
		{name: "an answer by number", edit: func(q map[string]any) {
			items(q)[3].(map[string]any)["answer"] = []any{map[string]any{"valueInteger": 2}}
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[3].answer[0]"}},
		{name: "two answers", edit: func(q map[string]any) {
			a := items(q)[5].(map[string]any)["answer"].([]any)
			items(q)[5].(map[string]any)["answer"] = append(a, a[0])
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[5].answer"}},
		{name: "item 9 missing", edit: func(q map[string]any) {
			q["item"].([]any)[0].(map[string]any)["item"] = slices.Delete(items(q), 8, 9)
		}, status: 422, paths: []string{"QuestionnaireResponse.item"}},
		{name: "an item twice", edit: func(q map[string]any) {
			q["item"].([]any)[0].(map[string]any)["item"] = append(items(q), items(q)[0])
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[11]"}},
		{name: "an unknown item", edit: func(q map[string]any) {
			q["item"].([]any)[0].(map[string]any)["item"] = append(items(q), map[string]any{"linkId": "mood",
				"answer": []any{map[string]any{"valueString": "fine"}}})
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[11].linkId"}},
		{name: "a total that does not match", edit: func(q map[string]any) {
			items(q)[10].(map[string]any)["answer"] = []any{map[string]any{"valueInteger": 4}}
		}, status: 422, paths: []string{"QuestionnaireResponse.item[0].item[10].answer[0]"}},
		{name: "several problems at once", edit: func(q map[string]any) {
			q["status"] = "stopped"
			items(q)[0].(map[string]any)["answer"] = []any{map[string]any{"valueCoding": map[string]any{"code": "nope"}}}
		}, status: 422, paths: []string{"QuestionnaireResponse.status", "QuestionnaireResponse.item[0].item[0].answer[0].valueCoding"}},
		{name: "another clinician's client", edit: func(q map[string]any) { q["subject"] = map[string]any{"reference": "Patient/" + f.hidden.ID} },
			status: 422, paths: []string{"QuestionnaireResponse.subject"}},
		{name: "no such client", edit: func(q map[string]any) {
			q["subject"] = map[string]any{"reference": "Patient/0190a0b2-0000-7000-8000-000000000000"}
		},
			status: 422, paths: []string{"QuestionnaireResponse.subject"}},
		{name: "the front desk", actor: "front_desk", status: 403},
		{name: "no sign-in", actor: "none", status: 401},
	} {
		payload := []byte(tc.raw)
		if tc.raw == "" {
			q := good()
			if tc.edit != nil {
				tc.edit(q)
			}
			payload = body(q)
		}
		actor := f.asClin()
		switch tc.actor {
		case "front_desk":
			actor = f.asDesk()
		case "none":
			actor = ""
		}
		header := []string{}
		if tc.ctype != "" {
			header = []string{"Content-Type", tc.ctype}
		}
		r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", actor, payload, header...)
		if r.status != tc.status || r.body["resourceType"] != "OperationOutcome" {
			t.Errorf("%s: %d, want %d: %s", tc.name, r.status, tc.status, r.raw)
			continue
		}
		var paths []string
		for _, is := range r.body["issue"].([]any) {
			exprs, _ := at(is, "expression").([]any)
			for _, e := range exprs {
				paths = append(paths, e.(string))
			}
			if d, _ := at(is, "diagnostics").(string); d == "" {
				t.Errorf("%s: an issue without a message", tc.name)
			}
		}
		if tc.paths != nil && !slices.Equal(paths, tc.paths) {
			t.Errorf("%s: paths %v, want %v", tc.name, paths, tc.paths)
		}
	}
	if n := measures(); n != before {
		t.Errorf("%d measures stored by refused resources", n-before)
	}
}

// TestImportDoesNotEcho checks that a refused resource's values never come back in the error:
// they may be client data.
func TestImportDoesNotEcho(t *testing.T) {
	f := newFixture(t)
	q := phq9Response(f.client.ID, f.now.Add(-time.Hour))
	q["status"] = "Ana López's secret"
	q["item"].([]any)[0].(map[string]any)["item"].([]any)[0].(map[string]any)["answer"] = []any{map[string]any{"valueString": "another secret"}}
	r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(q))
	if r.status != 422 || strings.Contains(string(r.raw), "secret") {
		t.Errorf("%d %s", r.status, r.raw)
	}
}

func r4Instant(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
