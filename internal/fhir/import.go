package fhir

import (
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// imported is a QuestionnaireResponse read for recording: the form, the client, when it was
// answered, the answers in the form's item order, and the element path each answer came from
// (for errors the store finds later).
type imported struct {
	form     *form
	clientID string
	takenAt  time.Time
	answers  []int
	paths    []string
	total    *int   // the total score the response carried, if any
	totalAt  string // its path
}

// reader walks a decoded JSON resource and collects every problem at once, each naming the
// element by its FHIRPath-style path (QuestionnaireResponse.item[3].answer[0]).
type reader struct {
	issues []r4.Issue
}

func (rd *reader) fail(path, code, format string, args ...any) {
	rd.issues = append(rd.issues, r4.Issue{Severity: "error", Code: code, Diagnostics: fmt.Sprintf(format, args...), Expression: []string{path}})
}

// readImport reads a QuestionnaireResponse to record: completed (or amended), for a known
// Questionnaire, about a Patient, authored at a dateTime of at least a day (one without a time
// zone is read in zone), with exactly one answer to each item, matched by linkId (carepath's
// item key or the item's LOINC code) and by the answer's coding (code, or display), string
// (the option's label), boolean (yes or no) or integer (the check-in's numbers). Items the form
// does not score are refused when they carry answers, except the total score, which must
// agree with carepath's scoring. Elements that change the meaning of a resource
// (modifierExtension, implicitRules) are refused.
func readImport(doc map[string]any, zone *time.Location) (*imported, []r4.Issue) {
	rd := &reader{}
	const root = "QuestionnaireResponse"
	if rt, _ := doc["resourceType"].(string); rt != root {
		rd.fail(root+".resourceType", "invalid", "This is not a QuestionnaireResponse.")
		return nil, rd.issues
	}
	for _, k := range []string{"modifierExtension", "implicitRules"} {
		if _, ok := doc[k]; ok {
			rd.fail(root+"."+k, "not-supported", "%s is not supported: it would change what the response means.", k)
		}
	}
	im := &imported{}
	status, _ := doc["status"].(string)
	switch status {
	case "completed", "amended":
	case "":
		rd.fail(root+".status", "required", "Give the status: completed.")
	default:
		rd.fail(root+".status", "business-rule", "Only a completed questionnaire can be recorded (status completed or amended).")
	}
	qurl, _ := doc["questionnaire"].(string)
	if qurl == "" {
		rd.fail(root+".questionnaire", "required", "Name the questionnaire, e.g. %sphq9.", questionnaireBase)
	} else if im.form = formOfURL(qurl); im.form == nil {
		rd.fail(root+".questionnaire", "not-found", "This server knows no such questionnaire; GET Questionnaire lists those it scores.")
	}
	subject, _ := doc["subject"].(map[string]any)
	ref, _ := subject["reference"].(string)
	if r, err := search.ParseReference(ref, ""); ref == "" || err != nil || r.Type != "Patient" {
		rd.fail(root+".subject", "required", "Give the patient as subject: {\"reference\": \"Patient/<id>\"}.")
	} else {
		im.clientID = r.ID
	}
	authored, _ := doc["authored"].(string)
	switch lo, _, err := search.ParseRange(authored, zone); {
	case authored == "":
		rd.fail(root+".authored", "required", "Give when the questionnaire was answered (authored).")
	case err != nil || len(authored) < len("2006-01-02"):
		rd.fail(root+".authored", "value", "authored must be a date or a date and time, e.g. 2024-03-01T09:30:00-06:00.")
	case strings.Contains(authored, "T") && !hasZone(authored):
		rd.fail(root+".authored", "value", "A time needs its time zone, e.g. 2024-03-01T09:30:00-06:00.")
	default:
		im.takenAt = lo
	}
	if im.form == nil {
		return nil, rd.issues
	}
	im.answers = make([]int, len(im.form.items))
	im.paths = make([]string, len(im.form.items))
	items, ok := doc["item"].([]any)
	if !ok {
		rd.fail(root+".item", "required", "The response has no answers.")
		return nil, rd.issues
	}
	rd.items(im, items, root+".item")
	for i, it := range im.form.items {
		if im.paths[i] != "" {
			continue
		}
		if no, ok := im.unasked(it); ok {
			im.answers[i], im.paths[i] = no, root+".item" // not asked: answered "No"
			continue
		}
		rd.fail(root+".item", "required", "Item %s (%s) is not answered.", it.key, it.text)
	}
	if len(rd.issues) > 0 {
		return nil, rd.issues
	}
	return im, nil
}

// unasked reports whether item it was rightly left unasked — it follows an item that was
// answered, not with "Yes" — and returns the index of its "No" option, which it then takes.
func (im *imported) unasked(it formItem) (int, bool) {
	if it.follows == "" {
		return 0, false
	}
	for j, other := range im.form.items {
		if other.key != it.follows || im.paths[j] == "" || im.paths[j] == "QuestionnaireResponse.item" {
			continue
		}
		if other.options[im.answers[j]].label == "Yes" {
			return 0, false
		}
		for k, o := range it.options {
			if o.label == "No" {
				return k, true
			}
		}
	}
	return 0, false
}

// hasZone reports whether a dateTime text ends in a time zone.
func hasZone(s string) bool {
	if strings.HasSuffix(s, "Z") {
		return true
	}
	i := strings.LastIndexAny(s, "+-")
	return i > len("2006-01-02") && len(s)-i == len("+00:00")
}

// items reads a list of response items (and their nested items) at path.
func (rd *reader) items(im *imported, items []any, path string) {
	for n, raw := range items {
		p := fmt.Sprintf("%s[%d]", path, n)
		item, ok := raw.(map[string]any)
		if !ok {
			rd.fail(p, "structure", "An item is an object.")
			continue
		}
		if _, ok := item["modifierExtension"]; ok {
			rd.fail(p+".modifierExtension", "not-supported", "modifierExtension is not supported.")
		}
		linkID, _ := item["linkId"].(string)
		if linkID == "" {
			rd.fail(p+".linkId", "required", "Each item needs its linkId.")
		}
		answers, _ := item["answer"].([]any)
		idx, role := im.form.itemOf(linkID)
		switch {
		case len(answers) == 0:
		case role == "total":
			rd.total(im, answers, p)
		case role == "unscored":
		case idx < 0:
			rd.fail(p+".linkId", "not-found", "%q is not an item of the %s; its items are %s.", linkID, im.form.title, im.form.keys())
		case im.paths[idx] != "":
			rd.fail(p, "duplicate", "Item %s is answered twice (also at %s).", im.form.items[idx].key, im.paths[idx])
		case len(answers) != 1:
			im.paths[idx] = p + ".answer"
			rd.fail(p+".answer", "structure", "Item %s takes exactly one answer.", im.form.items[idx].key)
		default:
			ap := p + ".answer[0]"
			im.paths[idx] = ap
			if a, ok := rd.answer(im.form.items[idx], answers[0], ap); ok {
				im.answers[idx] = a
			}
		}
		for k, raw := range answers {
			if a, ok := raw.(map[string]any); ok {
				if nested, ok := a["item"].([]any); ok {
					rd.items(im, nested, fmt.Sprintf("%s.answer[%d].item", p, k))
				}
			}
		}
		if nested, ok := item["item"].([]any); ok {
			rd.items(im, nested, p+".item")
		}
	}
}

// total reads the total score a response carries, to check against carepath's.
func (rd *reader) total(im *imported, answers []any, path string) {
	a, _ := answers[0].(map[string]any)
	switch v := a["valueInteger"].(type) {
	case float64:
		n := int(v)
		im.total, im.totalAt = &n, path+".answer[0]"
	default:
		if d, ok := a["valueDecimal"].(float64); ok {
			n := int(d)
			im.total, im.totalAt = &n, path+".answer[0]"
		}
	}
}

// answer reads one answer to item it: the index of the chosen option, or the check-in number.
func (rd *reader) answer(it formItem, raw any, path string) (int, bool) {
	a, ok := raw.(map[string]any)
	if !ok {
		rd.fail(path, "structure", "An answer is an object.")
		return 0, false
	}
	if it.options == nil {
		v, ok := a["valueInteger"].(float64)
		if !ok || v != float64(int(v)) {
			rd.fail(path, "value", "Item %s takes a whole number (valueInteger) from %d to %d.", it.key, it.min, it.max)
			return 0, false
		}
		if int(v) < it.min || int(v) > it.max {
			rd.fail(path+".valueInteger", "value", "Item %s takes a number from %d to %d, not %d.", it.key, it.min, it.max, int(v))
			return 0, false
		}
		return int(v), true
	}
	match := func(f func(formOption) bool) (int, bool) {
		for i, o := range it.options {
			if f(o) {
				return i, true
			}
		}
		return 0, false
	}
	var i int
	var found bool
	switch {
	case a["valueCoding"] != nil:
		c, _ := a["valueCoding"].(map[string]any)
		system, _ := c["system"].(string)
		code, _ := c["code"].(string)
		display, _ := c["display"].(string)
		if code != "" {
			i, found = match(func(o formOption) bool { return o.coding.Code == code && (system == "" || system == o.coding.System) })
		} else if display != "" {
			i, found = match(func(o formOption) bool {
				return strings.EqualFold(o.label, display) || strings.EqualFold(o.coding.Display, display)
			})
		}
		path += ".valueCoding"
	case a["valueString"] != nil:
		s, _ := a["valueString"].(string)
		i, found = match(func(o formOption) bool { return strings.EqualFold(o.label, strings.TrimSpace(s)) })
		path += ".valueString"
	case a["valueBoolean"] != nil:
		b, _ := a["valueBoolean"].(bool)
		label := map[bool]string{true: "Yes", false: "No"}[b]
		i, found = match(func(o formOption) bool { return o.label == label })
		path += ".valueBoolean"
	default:
		rd.fail(path, "value", "Answer item %s with the option's coding (valueCoding), e.g. %s|%s.", it.key, it.options[0].coding.System, it.options[0].coding.Code)
		return 0, false
	}
	if !found {
		rd.fail(path, "code-invalid", "This is not one of the answers of item %s: %s.", it.key, it.labels())
		return 0, false
	}
	return i, true
}

// itemOf returns the index of the item linkID names — by key, by LOINC code, or by "/" and
// the LOINC code as LOINC's own forms name them — and its role: "item", "total" for the
// total score, "unscored" for a display or an item the form does not score, "" when unknown.
func (f *form) itemOf(linkID string) (int, string) {
	code := strings.TrimPrefix(linkID, "/")
	for i, it := range f.items {
		if it.key == linkID || (it.loinc != "" && it.loinc == code) {
			return i, "item"
		}
	}
	if f.in != nil && f.in.TotalLOINC == code {
		return -1, "total"
	}
	if linkID == "instructions" || unscoredItems[f.id][code] {
		return -1, "unscored"
	}
	return -1, ""
}

// unscoredItems are the items of LOINC's forms that the instruments do not score: the
// PHQ-9's and GAD-7's question of how difficult the problems made life.
var unscoredItems = map[string]map[string]bool{"phq9": {"69722-7": true}, "gad7": {"69722-7": true}}

// keys lists the item keys of f.
func (f *form) keys() string {
	var ks []string
	for _, it := range f.items {
		ks = append(ks, it.key)
	}
	return strings.Join(ks, ", ")
}

// labels lists the option labels of an item.
func (it formItem) labels() string {
	var ls []string
	for _, o := range it.options {
		ls = append(ls, o.label+" ("+o.coding.Code+")")
	}
	return strings.Join(ls, ", ")
}

// fieldPath returns the element path of a store field error about im: authored for taken_at,
// the answer's path for answers[i], the items for answers.
func (im *imported) fieldPath(field string) string {
	switch {
	case field == "taken_at":
		return "QuestionnaireResponse.authored"
	case strings.HasPrefix(field, "answers["):
		var i int
		if _, err := fmt.Sscanf(field, "answers[%d]", &i); err == nil && i >= 0 && i < len(im.paths) {
			return im.paths[i]
		}
	case field == "instrument":
		return "QuestionnaireResponse.questionnaire"
	}
	return "QuestionnaireResponse.item"
}

// checkTotal compares the total the response carried with carepath's score of its answers,
// before anything is stored.
func (im *imported) checkTotal() *r4.Issue {
	if im.total == nil || im.form.in == nil {
		return nil
	}
	s, err := im.form.in.Score(im.answers, carepath.SexUnknown)
	if err != nil || s.Total == *im.total {
		return nil
	}
	return &r4.Issue{Severity: "error", Code: "business-rule", Expression: []string{im.totalAt},
		Diagnostics: fmt.Sprintf("The response gives a total of %d, but its answers score %d; check which answers were sent.", *im.total, s.Total)}
}
