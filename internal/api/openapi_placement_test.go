package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath/placement"
	"github.com/carepath/carepath/placement/placementtest"
)

// TestPlacementSchemasMatchTheEngine validates every profile of the safety table against the
// documented Profile schema, and the engine's answer to it against the Recommendation schema,
// so that the document cannot drift from what POST /api/v1/placements takes and returns. The
// validator below covers the parts of JSON Schema those two schemas use.
func TestPlacementSchemasMatchTheEngine(t *testing.T) {
	doc := openAPIDocument(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	cases, err := placementtest.LoadSafetyCases("../../placement/testdata/safety_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		var profile any
		if err := json.Unmarshal(c.Profile, &profile); err != nil {
			t.Fatal(err)
		}
		for _, e := range validate(schemas, schemas["Profile"], profile, "profile") {
			t.Errorf("%s: %s", c.Name, e)
		}
		p, err := placement.Decode(bytes.NewReader(c.Profile))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rec, err := placement.Recommend(p)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		body, _ := json.Marshal(rec)
		var answer any
		if err := json.Unmarshal(body, &answer); err != nil {
			t.Fatal(err)
		}
		for _, e := range validate(schemas, schemas["Recommendation"], answer, "recommendation") {
			t.Errorf("%s: %s", c.Name, e)
		}
	}
	// And the other way: every documented profile field is one the decoder takes.
	profile := schemas["Profile"].(map[string]any)["properties"].(map[string]any)
	for _, section := range []string{"answers", "context"} {
		for field := range profile[section].(map[string]any)["properties"].(map[string]any) {
			body := fmt.Sprintf(`{%q: {%q: null}}`, section, field)
			if _, err := placement.DecodeBytes([]byte(body)); err != nil && strings.Contains(err.Error(), "not a field carepath knows") {
				t.Errorf("%s.%s is documented, but the decoder does not know it", section, field)
			}
		}
	}
}

// validate checks v against schema s, resolving $ref in schemas, and returns what is wrong.
func validate(schemas map[string]any, s any, v any, at string) []string {
	sch, _ := s.(map[string]any)
	if ref, ok := sch["$ref"].(string); ok {
		return validate(schemas, schemas[strings.TrimPrefix(ref, "#/components/schemas/")], v, at)
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, at+": "+fmt.Sprintf(format, args...)) }
	if enum, ok := sch["enum"].([]any); ok && !slices.Contains(enum, v) {
		bad("%v is not one of %v", v, enum)
	}
	switch typ, _ := sch["type"].(string); typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("is not an object")
			return out
		}
		props, _ := sch["properties"].(map[string]any)
		for _, r := range asList(sch["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				bad("lacks the required %s", r)
			}
		}
		for k, x := range obj {
			if ps, ok := props[k]; ok {
				out = append(out, validate(schemas, ps, x, at+"."+k)...)
				continue
			}
			switch extra := sch["additionalProperties"].(type) {
			case bool:
				if !extra {
					bad("has %s, which the schema does not allow", k)
				}
			case map[string]any:
				out = append(out, validate(schemas, extra, x, at+"."+k)...)
			default:
				if props != nil {
					bad("has %s, which the schema does not document", k)
				}
			}
		}
	case "array":
		list, ok := v.([]any)
		if !ok {
			bad("is not an array")
			return out
		}
		if n, ok := sch["minItems"].(float64); ok && float64(len(list)) < n {
			bad("has %d items, fewer than %v", len(list), n)
		}
		if n, ok := sch["maxItems"].(float64); ok && float64(len(list)) > n {
			bad("has %d items, more than %v", len(list), n)
		}
		for i, x := range list {
			out = append(out, validate(schemas, sch["items"], x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "integer", "number":
		n, ok := v.(float64)
		if !ok || (typ == "integer" && n != float64(int64(n))) {
			bad("%v is not a %s", v, typ)
			return out
		}
		if m, ok := sch["minimum"].(float64); ok && n < m {
			bad("%v is below %v", n, m)
		}
		if m, ok := sch["maximum"].(float64); ok && n > m {
			bad("%v is above %v", n, m)
		}
	case "string":
		if _, ok := v.(string); !ok {
			bad("%v is not a string", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("%v is not a boolean", v)
		}
	}
	return out
}

func asList(v any) []any { l, _ := v.([]any); return l }

// TestPlacementSchemaValidatorFindsProblems checks that the validator above can fail.
func TestPlacementSchemaValidatorFindsProblems(t *testing.T) {
	doc := openAPIDocument(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	var bad any
	_ = json.Unmarshal([]byte(`{"answers": {"cssrs": [true], "cows": [9,0,0,0,0,0,0,0,0,0,0]}, "context": {"substances": ["wine"], "age": 200}, "extra": 1}`), &bad)
	got := strings.Join(validate(schemas, schemas["Profile"], bad, "profile"), "\n")
	for _, want := range []string{"profile.answers.cssrs: has 1 items", "profile.answers.cows[0]: 9 is above 4",
		"profile.context.substances[0]: wine is not one of", "profile.context.age: 200 is above 120", "profile: has extra"} {
		if !strings.Contains(got, want) {
			t.Errorf("the validator missed %q in:\n%s", want, got)
		}
	}
}
