package placement

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// MaxBodyBytes is the largest profile, in bytes, that Decode accepts.
const MaxBodyBytes = 64 << 10

// Decode reads one JSON profile from r. It returns an EINVALID *carepath.Error naming every
// offending field path (e.g. "answers.phq9[2]", "context.support") for malformed JSON, unknown
// fields, wrong types and unknown enum values, and an ETOOLARGE error past MaxBodyBytes. Counts,
// ranges and the rule that something must be answered are checked by Recommend.
func Decode(r io.Reader) (Profile, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return Profile{}, fmt.Errorf("read profile: %w", err)
	}
	if len(data) > MaxBodyBytes {
		return Profile{}, carepath.Errorf(carepath.ETOOLARGE, "The profile is larger than %d KiB.", MaxBodyBytes>>10)
	}
	return DecodeBytes(data)
}

// DecodeBytes is Decode for a profile already in memory.
func DecodeBytes(data []byte) (Profile, error) {
	if p, ok := decodeFast(data); ok {
		return p, nil
	}
	return decodeCareful(data)
}

// decodeCareful walks the JSON field by field, so that every problem is named by its path.
func decodeCareful(data []byte) (Profile, error) {
	var p Profile
	d := decoder{}
	if len(bytes.TrimSpace(data)) == 0 {
		d.errs.Add("body", "required", "send a JSON object with answers, dimensions or context")
		return p, d.errs.Err()
	}
	top := d.object("", data, "answers", "dimensions", "context", "coverage")
	if top == nil {
		return p, d.errs.Err()
	}
	if raw, ok := top["answers"]; ok {
		d.answers(raw, &p.Answers)
	}
	if raw, ok := top["dimensions"]; ok {
		d.dimensions(raw, &p.Dimensions)
	}
	if raw, ok := top["context"]; ok {
		d.context(raw, &p.Context)
	}
	if raw, ok := top["coverage"]; ok {
		p.Coverage = d.coverage(raw)
	}
	sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Field < d.errs[j].Field })
	return p, d.errs.Err()
}

// decoder collects field errors while it walks the JSON.
type decoder struct{ errs carepath.FieldErrors }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// object parses raw as a JSON object whose keys must be among known; null yields nil without error.
func (d *decoder) object(path string, raw []byte, known ...string) map[string]json.RawMessage {
	if isNull(raw) && path != "" {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		field := path
		if field == "" {
			field = "body"
		}
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			d.errs.Add(field, "malformed", "is not valid JSON (error at byte %d)", syn.Offset)
		} else {
			d.errs.Add(field, "type", "must be a JSON object")
		}
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		found := false
		for _, want := range known {
			if k == want {
				found = true
				break
			}
		}
		if !found {
			d.errs.Add(join(path, k), "unknown", "is not a field carepath knows")
		}
		if isNull(m[k]) {
			delete(m, k)
		}
	}
	return m
}

func (d *decoder) intList(path string, raw json.RawMessage) []int {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		d.errs.Add(path, "type", "must be a list of whole numbers (the index of each chosen answer)")
		return nil
	}
	out := make([]int, len(items))
	for i, it := range items {
		n, err := strconv.Atoi(string(bytes.TrimSpace(it)))
		if err != nil {
			d.errs.Add(fmt.Sprintf("%s[%d]", path, i), "type", "must be a whole number")
			continue
		}
		out[i] = n
	}
	return out
}

func (d *decoder) boolList(path string, raw json.RawMessage) []bool {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		d.errs.Add(path, "type", "must be a list of true (yes) or false (no)")
		return nil
	}
	out := make([]bool, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &out[i]); err != nil || isNull(it) {
			d.errs.Add(fmt.Sprintf("%s[%d]", path, i), "type", "must be true (yes) or false (no)")
		}
	}
	return out
}

func (d *decoder) answers(raw json.RawMessage, a *Answers) {
	m := d.object("answers", raw, "phq9", "phq2", "gad7", "gad2", "audit", "auditc", "dast10", "single_drug_screen", "cssrs",
		"cssrs_behavior_past_3_months", "ciwa_ar", "cows")
	lists := []struct {
		key string
		dst *[]int
	}{{"phq9", &a.PHQ9}, {"phq2", &a.PHQ2}, {"gad7", &a.GAD7}, {"gad2", &a.GAD2}, {"audit", &a.AUDIT}, {"auditc", &a.AUDITC},
		{"ciwa_ar", &a.CIWAAr}, {"cows", &a.COWS}}
	for _, l := range lists {
		if v, ok := m[l.key]; ok {
			*l.dst = d.intList("answers."+l.key, v)
		}
	}
	if v, ok := m["dast10"]; ok {
		a.DAST10 = d.boolList("answers.dast10", v)
	}
	if v, ok := m["single_drug_screen"]; ok {
		var n int
		if json.Unmarshal(v, &n) != nil || n < 0 {
			d.errs.Add("answers.single_drug_screen", "type", "must be a whole number of times, 0 or more")
		} else {
			a.SingleDrugScreen = &n
		}
	}
	if v, ok := m["cssrs"]; ok {
		a.CSSRS = d.boolList("answers.cssrs", v)
	}
	if v, ok := m["cssrs_behavior_past_3_months"]; ok {
		var b bool
		if json.Unmarshal(v, &b) != nil {
			d.errs.Add("answers.cssrs_behavior_past_3_months", "type", "must be true (yes) or false (no)")
		} else {
			a.CSSRSBehaviorPast3Months = &b
		}
	}
}

// enumList parses raw as a list of words from allowed into dst, naming path[i] for each word
// it does not know.
func (d *decoder) enumList(path string, raw json.RawMessage, allowed []string, dst func(words []string)) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		d.errs.Add(path, "type", "must be a list of words from: %s", strings.Join(allowed, ", "))
		return
	}
	words := make([]string, 0, len(items))
	for i, it := range items {
		var w string
		if json.Unmarshal(it, &w) != nil || !contains(allowed, w) {
			d.errs.Add(fmt.Sprintf("%s[%d]", path, i), "enum", "must be one of: %s", strings.Join(allowed, ", "))
			continue
		}
		words = append(words, w)
	}
	dst(words)
}

func (d *decoder) dimensions(raw json.RawMessage, r *Ratings) {
	names := make([]string, len(carepath.Dimensions))
	for i, dim := range carepath.Dimensions {
		names[i] = string(dim)
	}
	m := d.object("dimensions", raw, names...)
	for i, name := range names {
		v, ok := m[name]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || n < 0 || n > carepath.MaxRating {
			d.errs.Add("dimensions."+name, "range", "must be a whole number from 0 (no risk) to 4 (severe risk)")
			continue
		}
		r.setAt(i, n)
	}
}
