package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// thingsDoc is a small document with one of each thing Check looks at.
const thingsDoc = `{
  "openapi": "3.1.0",
  "info": {"title": "things", "version": "1"},
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
      "Problem": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}, "title": {"type": "string"}}},
      "Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "tags": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}}},
      "NewThing": {"type": "object", "additionalProperties": false, "required": ["name"], "properties": {"name": {"type": "string"}}}
    }
  },
  "security": [{"bearer": []}],
  "paths": {
    "/api/v1/things": {
      "get": {"operationId": "listThings",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 10}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}},
      "post": {"operationId": "createThing",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}}},
        "responses": {
          "201": {"description": "made", "headers": {"Location": {"required": true, "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
          "4XX": {"description": "refused", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}
    },
    "/api/v1/things/{id}": {
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^t[0-9]+$"}}],
      "delete": {"operationId": "deleteThing", "responses": {"204": {"description": "gone"}}}
    }
  }
}`

// TestCheck feeds Check exchanges with one mistake each (and correct ones), so that a checker
// that stopped looking fails here.
func TestCheck(t *testing.T) {
	d, err := Load([]byte(thingsDoc))
	if err != nil {
		t.Fatal(err)
	}
	problem := http.Header{"Content-Type": {"application/problem+json"}}
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	created := http.Header{"Content-Type": {"application/json"}, "Location": {"/api/v1/things/t1"}}
	bearer := http.Header{"Authorization": {"Bearer x"}, "Content-Type": {"application/json"}}
	for _, tc := range []struct {
		name, method, target string
		reqHeader            http.Header
		reqBody              string
		status               int
		header               http.Header
		body                 string
		want                 string // "" for no mismatch
	}{
		{"good list", "GET", "/api/v1/things?limit=3", bearer, "", 200, jsonHeader, `[{"id":"t1","tags":[{"name":"a"}]}]`, ""},
		{"head", "HEAD", "/api/v1/things", bearer, "", 200, jsonHeader, "", ""},
		{"undocumented member", "GET", "/api/v1/things", bearer, "", 200, jsonHeader, `[{"id":"t1","color":"red"}]`, "/*/color"},
		{"undocumented nested member", "GET", "/api/v1/things", bearer, "", 200, jsonHeader, `[{"id":"t1","tags":[{"name":"a","x":1}]}]`, "/*/tags/*/x"},
		{"schema refuses", "GET", "/api/v1/things", bearer, "", 200, jsonHeader, `[{"tags":[]}]`, "missing property 'id'"},
		{"undocumented status", "GET", "/api/v1/things", bearer, "", 500, problem, `{"status":500}`, "status 500 is not documented"},
		{"undocumented media type", "GET", "/api/v1/things", bearer, "", 200, http.Header{"Content-Type": {"text/html"}}, "<p>", `media type "text/html"`},
		{"undocumented query parameter", "GET", "/api/v1/things?sort=name", bearer, "", 200, jsonHeader, `[]`, `query parameter "sort"`},
		{"query parameter out of range", "GET", "/api/v1/things?limit=50", bearer, "", 200, jsonHeader, `[]`, `"limit" = "50"`},
		{"no credentials", "GET", "/api/v1/things", nil, "", 200, jsonHeader, `[]`, "credentials"},
		{"good create", "POST", "/api/v1/things", bearer, `{"name":"a"}`, 201, created, `{"id":"t1"}`, ""},
		{"missing required header", "POST", "/api/v1/things", bearer, `{"name":"a"}`, 201, jsonHeader, `{"id":"t1"}`, "header Location is missing"},
		{"accepted an unknown member", "POST", "/api/v1/things", bearer, `{"name":"a","x":1}`, 201, created, `{"id":"t1"}`, "accepted request body does not match"},
		{"accepted no body", "POST", "/api/v1/things", bearer, "", 201, created, `{"id":"t1"}`, "without the required body"},
		{"refused by range", "POST", "/api/v1/things", bearer, `{"x":1}`, 400, problem, `{"status":400}`, ""},
		{"problem that is not one", "POST", "/api/v1/things", bearer, `{}`, 400, problem, `{"title":"x"}`, "missing property 'status'"},
		{"path parameter refused", "DELETE", "/api/v1/things/zz", bearer, "", 204, nil, "", `"id" = "zz"`},
		{"body on a 204", "DELETE", "/api/v1/things/t1", bearer, "", 204, jsonHeader, `{}`, "without content"},
		{"unknown path 404", "GET", "/api/v1/nothing", bearer, "", 404, problem, `{"status":404}`, ""},
		{"unknown path 200", "GET", "/api/v1/nothing", bearer, "", 200, jsonHeader, `{}`, "must be 404"},
		{"unknown path as HTML", "GET", "/api/v1/nothing", bearer, "", 404, http.Header{"Content-Type": {"text/html"}}, "<p>", "application/problem+json"},
		{"405 with Allow", "PUT", "/api/v1/things", bearer, "", 405, http.Header{"Content-Type": {"application/problem+json"}, "Allow": {"GET, HEAD, POST"}}, `{"status":405}`, ""},
		{"405 with a wrong Allow", "PUT", "/api/v1/things", bearer, "", 405, http.Header{"Content-Type": {"application/problem+json"}, "Allow": {"GET"}}, `{"status":405}`, "Allow is"},
		{"wrong method answered 404", "PUT", "/api/v1/things", bearer, "", 404, problem, `{"status":404}`, "must be 405"},
		{"redirect of an unclean path", "GET", "/api/v1//things", bearer, "", 301, http.Header{"Location": {"/api/v1/things"}}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.target, nil)
			for k, v := range tc.reqHeader {
				r.Header[k] = v
			}
			header := tc.header
			if header == nil {
				header = http.Header{}
			}
			err := d.Check(Exchange{Request: r, RequestBody: []byte(tc.reqBody), Status: tc.status, Header: header, Body: []byte(tc.body)})
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected mismatch: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("no mismatch found, want one about %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("mismatch %v\ndoes not mention %q", err, tc.want)
			}
		})
	}
}

// TestLoadRefusesInvalidDocuments checks that Load holds a document to OpenAPI 3.1 and its
// schemas to JSON Schema.
func TestLoadRefusesInvalidDocuments(t *testing.T) {
	for name, edit := range map[string][2]string{
		"an OpenAPI 3.0 version":           {`"openapi": "3.1.0"`, `"openapi": "3.0.3"`},
		"a response without description":   {`{"description": "gone"}`, `{}`},
		"a $ref that does not resolve":     {`"$ref": "#/components/schemas/NewThing"`, `"$ref": "#/components/schemas/Missing"`},
		"a schema that is not JSON Schema": {`"maximum": 10`, `"maximum": "ten"`},
		"a parameter without in":           {`"in": "query", `, ``},
	} {
		t.Run(name, func(t *testing.T) {
			doc := strings.Replace(thingsDoc, edit[0], edit[1], 1)
			if doc == thingsDoc {
				t.Fatalf("the edit %q changed nothing", edit[0])
			}
			if _, err := Load([]byte(doc)); err == nil {
				t.Error("Load accepted it")
			}
		})
	}
}

// TestWrapFailsTheTest checks that Wrap reports a mismatch through the test and passes the
// answer on unchanged.
func TestWrapFailsTheTest(t *testing.T) {
	h := http.NewServeMux()
	h.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(thingsDoc))
	})
	h.HandleFunc("GET /api/v1/things", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"id":"t1","secret":true}]`))
	})
	rec := &recordingTB{TB: t}
	rr := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/things", nil)
	req.Header.Set("Authorization", "Bearer x")
	Wrap(rec, h).ServeHTTP(rr, req)
	if rr.Body.String() != `[{"id":"t1","secret":true}]` {
		t.Errorf("the answer changed: %s", rr.Body)
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "/*/secret") {
		t.Errorf("Wrap reported %q, want the undocumented member", rec.errors)
	}
}

// recordingTB keeps what Errorf was given instead of failing the test.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, strings.TrimSpace(strings.ReplaceAll(format, "%v", "")+sprint(args...)))
}

func sprint(args ...any) string {
	var b strings.Builder
	for _, a := range args {
		if err, ok := a.(error); ok {
			b.WriteString(err.Error())
		}
	}
	return b.String()
}
