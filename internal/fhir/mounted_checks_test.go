package fhir

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// checkMountedMetadata checks the CapabilityStatement of the mounted server: public, FHIR JSON,
// and listing exactly the types that answer (each listed type answers a search; the mapped
// types carepath does not serve answer 404 as unknown).
func checkMountedMetadata(t *testing.T, f *fixture) {
	r := f.get(t, "/fhir/R4/metadata", "")
	if r.status != 200 || r.header.Get("Content-Type") != "application/fhir+json; charset=utf-8" || r.body["resourceType"] != "CapabilityStatement" {
		t.Fatalf("metadata: %d %v %s", r.status, r.header, r.raw)
	}
	var listed []string
	resources, _ := at(r.body, "rest", 0, "resource").([]any)
	for _, res := range resources {
		typ := res.(map[string]any)["type"].(string)
		listed = append(listed, typ)
		path := "/fhir/R4/" + typ + "?_id=" + f.client.ID
		if typ == "AuditEvent" {
			path = "/fhir/R4/AuditEvent?_count=1"
		}
		actor := f.asClin()
		if typ == "AuditEvent" {
			actor = f.asAdmin()
		}
		if s := f.get(t, path, actor); s.status != 200 || s.body["resourceType"] != "Bundle" {
			t.Errorf("listed %s does not answer a search: %d %s", typ, s.status, s.raw)
		}
	}
	var served []string
	for _, rt := range resourceTypes() {
		served = append(served, rt.name)
	}
	if !slices.Equal(listed, served) {
		t.Errorf("metadata lists %v, the server serves %v", listed, served)
	}
	for _, typ := range []string{"Medication", "Claim"} {
		if slices.Contains(served, typ) {
			continue
		}
		if s := f.get(t, "/fhir/R4/"+typ+"?patient="+f.client.ID, f.asClin()); s.status != 404 || at(s.body, "issue", 0, "code") != "not-supported" {
			t.Errorf("unlisted %s: %d %s", typ, s.status, s.raw)
		}
	}
	if s := f.get(t, "/fhir/R4/Patient/"+f.client.ID, f.asClin(), "Authorization", "Bearer wrong"); s.status != 401 ||
		s.header.Get("WWW-Authenticate") == "" || s.body["resourceType"] != "OperationOutcome" {
		t.Errorf("a wrong token: %d %v %s", s.status, s.header, s.raw)
	}
}

// checkMountedDisclosure checks what goes to outside parties: an outside party's token without
// the client's 42 CFR Part 2 consent gets 403 naming the missing consent, nothing of the record,
// and an audited refusal naming it; one whose recipient and purpose a consent names gets the
// record with the Part 2 security labels, the 42 CFR 2.32 notice in the bundle and the header,
// and an audited release; the care team's own reads carry neither.
func checkMountedDisclosure(t *testing.T, f *fixture) {
	sys := as(carepath.RoleSystem, "cli")
	staff := store.NewStaffService(f.env.Store)
	court, _, err := staff.CreatePartyToken(sys, "ann@example.org", carepath.OutsideParty{Recipient: "county  court", Purpose: carepath.PurposePatientRequest})
	if err != nil {
		t.Fatal(err)
	}
	pcp, _, err := staff.CreatePartyToken(sys, "ann@example.org", carepath.OutsideParty{Recipient: "Lakeside Primary Care", Purpose: carepath.PurposeTreatment})
	if err != nil {
		t.Fatal(err)
	}
	f.tokens["party:court"], f.tokens["party:pcp"] = court, pcp
	count := func(where string, args ...any) int {
		var n int
		if err := f.env.Write.QueryRow("SELECT count(*) FROM audit_log WHERE "+where, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Without consent: 403 naming the consent, the recipient and the purpose; nothing released.
	for _, path := range []string{
		"/fhir/R4/Patient/" + f.client.ID + "/$everything",
		"/fhir/R4/Patient/" + f.client.ID,
		"/fhir/R4/Observation?patient=" + f.client.ID,
	} {
		before := count("action = 'disclosure.release' AND allowed = $1 AND client_id = $2 AND detail LIKE '%Lakeside Primary Care%'", false, f.client.ID)
		r := f.get(t, path, "party:pcp")
		if r.status != http.StatusForbidden || r.body["resourceType"] != "OperationOutcome" ||
			at(r.body, "issue", 0, "code") != "forbidden" || at(r.body, "issue", 0, "expression", 0) != "consent" ||
			!strings.Contains(at(r.body, "issue", 0, "diagnostics").(string), `"Lakeside Primary Care" for treatment`) {
			t.Errorf("%s without consent: %d %s", path, r.status, r.raw)
		}
		if strings.Contains(string(r.raw), f.client.FamilyName) || r.header.Get(Part2NoticeHeader) != "" {
			t.Errorf("%s without consent released something: %s", path, r.raw)
		}
		if strings.HasSuffix(path, "$everything") {
			if got := count("action = 'disclosure.release' AND allowed = $1 AND client_id = $2 AND detail LIKE '%Lakeside Primary Care%'", false, f.client.ID); got != before+1 {
				t.Errorf("the refused release is not audited: %d rows, want %d", got, before+1)
			}
		}
	}

	// With consent: the record, labelled, with the notice; the release audited with the recipient.
	before := count("action = 'disclosure.release' AND allowed = $1 AND client_id = $2 AND record_id = $3 AND lower(detail) LIKE '%county court%'", true, f.client.ID, f.consent.ID)
	r := f.get(t, "/fhir/R4/Patient/"+f.client.ID+"/$everything", "party:court")
	if r.status != 200 || r.header.Get(Part2NoticeHeader) != carepath.RedisclosureNotice {
		t.Fatalf("$everything with consent: %d %v %s", r.status, r.header, r.raw)
	}
	if got := count("action = 'disclosure.release' AND allowed = $1 AND client_id = $2 AND record_id = $3 AND lower(detail) LIKE '%county court%'", true, f.client.ID, f.consent.ID); got != before+1 {
		t.Errorf("the release is not audited with the recipient: %d rows, want %d", got, before+1)
	}
	if !hasPart2Label(r.body) {
		t.Errorf("the bundle carries no Part 2 label: %v", r.body["meta"])
	}
	matches := entries(r.body, "match")
	if len(matches) < 10 {
		t.Fatalf("$everything released %d resources", len(matches))
	}
	for _, res := range matches {
		if !hasPart2Label(res) {
			t.Errorf("%s/%s released without the Part 2 labels", res["resourceType"], res["id"])
		}
	}
	for _, res := range entries(r.body, "include") {
		if hasPart2Label(res) {
			t.Errorf("%s/%s is not the client's but labelled", res["resourceType"], res["id"])
		}
	}
	outcomes := entries(r.body, "outcome")
	if len(outcomes) == 0 || at(outcomes[len(outcomes)-1], "issue", 0, "diagnostics") != carepath.RedisclosureNotice {
		t.Errorf("the bundle does not end with the notice: %v", outcomes)
	}
	if s := f.get(t, "/fhir/R4/Observation?patient="+f.client.ID, "party:court"); s.status != 200 || !hasPart2Label(at(s.body, "entry", 0, "resource")) ||
		s.header.Get(Part2NoticeHeader) == "" {
		t.Errorf("search with consent: %d %s", s.status, s.raw)
	}
	if s := f.get(t, "/fhir/R4/Patient/"+f.client.ID, "party:court"); s.status != 200 || !hasPart2Label(s.body) || s.header.Get(Part2NoticeHeader) == "" {
		t.Errorf("read with consent: %d %s", s.status, s.raw)
	}
	// An outside party changes nothing.
	if s := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", "party:court", body(phq9Response(f.client.ID, f.now.Add(-time.Hour)))); s.status != http.StatusForbidden {
		t.Errorf("an outside party wrote: %d %s", s.status, s.raw)
	}

	// The care team's own reads are no disclosure.
	own := f.get(t, "/fhir/R4/Patient/"+f.client.ID+"/$everything", f.asClin())
	if own.status != 200 || own.header.Get(Part2NoticeHeader) != "" || hasPart2Label(own.body) || hasPart2Label(entries(own.body, "match")[0]) {
		t.Errorf("the care team's $everything is labelled as a disclosure: %d %v", own.status, own.header)
	}
}

// hasPart2Label reports whether a decoded resource carries the 42CFRPart2 security label.
func hasPart2Label(res any) bool {
	list, _ := at(res, "meta", "security").([]any)
	for _, l := range list {
		if m, ok := l.(map[string]any); ok && m["code"] == "42CFRPart2" && m["system"] == "http://terminology.hl7.org/CodeSystem/v3-ActCode" {
			return true
		}
	}
	return false
}

// checkMountedImport posts a hand-made PHQ-9 with item 9 positive to the mounted server: 201
// with the response and its observations, the item-9 safety alert, and its message in the
// on-call outbox; and a bad resource stores nothing.
func checkMountedImport(t *testing.T, f *fixture) {
	sys := as(carepath.RoleSystem, "cli")
	if _, err := store.NewOnCallService(f.env.Store).SetOnCall(sys, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.admin}); err != nil {
		t.Fatal(err)
	}
	rows := func(q string) int {
		var n int
		if err := f.env.Write.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	measures := rows("SELECT count(*) FROM measures")
	bad := phq9Response(f.client.ID, f.now.Add(-time.Hour))
	bad["status"] = "finished"
	if r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(bad)); r.status != 422 ||
		at(r.body, "issue", 0, "expression", 0) != "QuestionnaireResponse.status" {
		t.Errorf("bad status: %d %s", r.status, r.raw)
	}
	if n := rows("SELECT count(*) FROM measures"); n != measures {
		t.Errorf("a refused resource stored a measure")
	}

	r := f.call(t, http.MethodPost, "/fhir/R4/QuestionnaireResponse", f.asClin(), body(phq9Response(f.client.ID, f.now.Add(-time.Hour))))
	if r.status != http.StatusCreated || r.header.Get("Location") == "" || r.header.Get("Content-Type") != "application/fhir+json; charset=utf-8" {
		t.Fatalf("import: %d %v %s", r.status, r.header, r.raw)
	}
	id := r.body["id"].(string)
	contained, _ := r.body["contained"].([]any)
	if len(contained) != 2 || at(contained[1], "interpretation", 0, "coding", 0, "code") != "POS" {
		t.Errorf("observations: %v", contained)
	}
	if n := rows("SELECT count(*) FROM measure_alerts WHERE kind = 'safety_item9' AND measure_id = '" + id + "'"); n != 1 {
		t.Errorf("item-9 alerts: %d", n)
	}
	if n := rows("SELECT count(*) FROM notifications n JOIN measure_alerts a ON a.id = n.alert_id WHERE a.measure_id = '" + id + "' AND n.recipient_id = '" + f.admin + "' AND n.tier = 'primary'"); n == 0 {
		t.Errorf("the item-9 alert is not in the on-call outbox")
	}
	if g := f.get(t, "/fhir/R4/Observation/"+id+".item9", f.asClin()); g.status != 200 {
		t.Errorf("the imported item 9: %d %s", g.status, g.raw)
	}
}

// checkReferencesResolve reads every reference in the client's $everything bundle, as an
// admin, from the server that emitted it: each resolves to the resource it names.
func checkReferencesResolve(t *testing.T, f *fixture) {
	r := f.get(t, "/fhir/R4/Patient/"+f.client.ID+"/$everything?_count=500", f.asAdmin())
	if r.status != 200 {
		t.Fatalf("$everything: %d %s", r.status, r.raw)
	}
	refs := map[string]bool{}
	for _, res := range entries(r.body, "") {
		if res["resourceType"] != "OperationOutcome" {
			collectMapRefs(res, refs)
		}
	}
	checked := 0
	for ref := range refs {
		if strings.HasPrefix(ref, "#") {
			continue // a contained resource
		}
		typ, id, ok := strings.Cut(ref, "/")
		if !ok || strings.Contains(id, "/") {
			t.Errorf("reference %q is not Type/id", ref)
			continue
		}
		g := f.get(t, "/fhir/R4/"+ref, f.asAdmin())
		if g.status != 200 || g.body["resourceType"] != typ || g.body["id"] != id {
			t.Errorf("reference %s does not resolve: %d %s", ref, g.status, g.raw)
		}
		checked++
	}
	if checked < 8 {
		t.Errorf("only %d references checked: %v", checked, refs)
	}
}
