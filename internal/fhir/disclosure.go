package fhir

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// Part2NoticeHeader is the response header that carries the 42 CFR 2.32 notice whenever a
// response releases 42 CFR Part 2 records outside the care team, as in the JSON API.
const Part2NoticeHeader = "Part2-Notice"

// The security labels a resource of a 42 CFR Part 2 client carries when it is released outside
// the care team: the policy (42CFRPart2), the obligation not to redisclose without consent
// (NORDSCLCD) and the confidentiality (restricted), from HL7's v3 code systems.
var part2Labels = []map[string]any{
	{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "42CFRPart2", "display": "42 CFR Part2"},
	{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "NORDSCLCD", "display": "no redisclosure without consent directive"},
	{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R", "display": "restricted"},
}

// disclosedBody returns what a successful response releases, labelled for an outside party:
// when the request's disclosures (carepath.DisclosuresFrom) included 42 CFR Part 2 records, v
// is returned as a JSON document in which every resource of those clients carries the Part 2
// security labels, a bundle carries them too and ends with an OperationOutcome entry holding
// the 42 CFR 2.32 notice, and the notice is set in the Part2-Notice header. Otherwise v is
// returned unchanged.
func disclosedBody(w http.ResponseWriter, r *http.Request, v any) any {
	d := carepath.DisclosuresFrom(r.Context())
	notice := d.Notice()
	if notice == "" {
		return v
	}
	w.Header().Set(Part2NoticeHeader, notice)
	clients := map[string]bool{}
	for _, id := range d.Part2Clients() {
		clients[id] = true
	}
	doc, ok := toMap(v).(map[string]any)
	if !ok {
		return v
	}
	if doc["resourceType"] != "Bundle" {
		labelIfPart2(doc, clients)
		return doc
	}
	addLabels(doc)
	entries, _ := doc["entry"].([]any)
	for _, e := range entries {
		if em, ok := e.(map[string]any); ok {
			if res, ok := em["resource"].(map[string]any); ok {
				labelIfPart2(res, clients)
			}
		}
	}
	doc["entry"] = append(entries, map[string]any{
		"resource": map[string]any{"resourceType": "OperationOutcome", "issue": []any{map[string]any{
			"severity": "information", "code": "informational",
			"details":     map[string]any{"coding": []any{part2Labels[0]}, "text": "42 CFR 2.32 notice"},
			"diagnostics": notice}}},
		"search": map[string]any{"mode": "outcome"}})
	return doc
}

// labelIfPart2 adds the Part 2 labels to a resource that is about one of the clients: a Patient
// with their id, or any resource that refers to Patient/<their id>.
func labelIfPart2(res map[string]any, clients map[string]bool) {
	if res["resourceType"] == "Patient" {
		if id, _ := res["id"].(string); clients[id] {
			addLabels(res)
		}
		return
	}
	refs := map[string]bool{}
	collectMapRefs(res, refs)
	for ref := range refs {
		if id, ok := strings.CutPrefix(ref, "Patient/"); ok && clients[id] {
			addLabels(res)
			return
		}
	}
}

// addLabels appends the Part 2 labels to a resource's meta.security.
func addLabels(res map[string]any) {
	meta, _ := res["meta"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		res["meta"] = meta
	}
	security, _ := meta["security"].([]any)
	for _, l := range part2Labels {
		security = append(security, l)
	}
	meta["security"] = security
}

// collectMapRefs adds every reference in a decoded resource to refs.
func collectMapRefs(v any, refs map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "reference" {
				refs[s] = true
			}
			collectMapRefs(val, refs)
		}
	case []any:
		for _, e := range x {
			collectMapRefs(e, refs)
		}
	}
}
