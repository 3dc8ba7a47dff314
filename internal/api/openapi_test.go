package api

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/api/contract"
)

// The OpenAPI document is hand-written. TestOpenAPIValidatesAsOpenAPI31 holds it to the
// OpenAPI Initiative's JSON Schema for 3.1 (through internal/api/contract); the checks below
// add what that schema cannot say (unique operationIds, declared path parameters, $refs that
// resolve, required properties that exist) and hold the document to the router it describes.
// Every API test's real exchanges are checked against it by contract.Wrap in the test server.

// openAPIDocument decodes the embedded document into plain maps.
func openAPIDocument(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

// httpMethods are the operations a path item may hold, in OpenAPI's words.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// pathItemFields are every field a path item may have.
var pathItemFields = append([]string{"$ref", "summary", "description", "servers", "parameters"}, httpMethods...)

var (
	versionRE   = regexp.MustCompile(`^3\.1\.\d+$`)
	statusRE    = regexp.MustCompile(`^([1-5][0-9][0-9]|[1-5]XX)$`)
	templateRE  = regexp.MustCompile(`\{([^{}]+)\}`)
	operationRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// problems collects what is wrong with the document, each naming where.
type problems []string

func (p *problems) add(where, format string, args ...any) {
	*p = append(*p, where+": "+fmt.Sprintf(format, args...))
}

// TestOpenAPIValidatesAsOpenAPI31 loads the document with the contract checker: valid against
// the OpenAPI 3.1 JSON Schema, every schema valid JSON Schema 2020-12 with every $ref resolved.
func TestOpenAPIValidatesAsOpenAPI31(t *testing.T) {
	if _, err := contract.Load(openAPIDoc); err != nil {
		t.Fatal(err)
	}
}

// TestOpenAPIDocumentIsValid checks the document's structure: an OpenAPI 3.1 version, an info
// object, path items with only known fields, operations with unique ids and responses that
// each have a description, parameters that say where they are and what they hold, every path
// template parameter declared (and no path parameter declared that the path lacks), every
// $ref resolving inside the document, every security requirement naming a declared scheme,
// every required property listed in its schema, and no OpenAPI 3.0 "nullable".
func TestOpenAPIDocumentIsValid(t *testing.T) {
	for _, msg := range checkOpenAPI(openAPIDocument(t)) {
		t.Error(msg)
	}
}

// checkOpenAPI returns what is wrong with doc, in the terms of TestOpenAPIDocumentIsValid.
func checkOpenAPI(doc map[string]any) problems {
	var p problems
	if v, _ := doc["openapi"].(string); !versionRE.MatchString(v) {
		p.add("openapi", "%q is not an OpenAPI 3.1 version", doc["openapi"])
	}
	info, _ := doc["info"].(map[string]any)
	for _, f := range []string{"title", "version"} {
		if s, _ := info[f].(string); strings.TrimSpace(s) == "" {
			p.add("info."+f, "missing")
		}
	}
	paths, ok := doc["paths"].(map[string]any)
	if !ok || len(paths) == 0 {
		p.add("paths", "missing or empty")
	}
	schemes := map[string]bool{}
	if comps, ok := doc["components"].(map[string]any); ok {
		if ss, ok := comps["securitySchemes"].(map[string]any); ok {
			for name := range ss {
				schemes[name] = true
			}
		}
	}
	checkSecurity(&p, "security", doc["security"], schemes)
	operationIDs := map[string]string{}
	for _, path := range sortedKeys(paths) {
		where := "paths." + path
		if !strings.HasPrefix(path, "/") {
			p.add(where, "a path must start with /")
		}
		item, ok := paths[path].(map[string]any)
		if !ok {
			p.add(where, "not a path item object")
			continue
		}
		for f := range item {
			if !slices.Contains(pathItemFields, f) && !strings.HasPrefix(f, "x-") {
				p.add(where, "unknown field %q", f)
			}
		}
		inTemplate := map[string]bool{}
		for _, m := range templateRE.FindAllStringSubmatch(path, -1) {
			inTemplate[m[1]] = true
		}
		shared := checkParameters(&p, doc, where+".parameters", item["parameters"], inTemplate)
		operations := 0
		for _, method := range httpMethods {
			raw, ok := item[method]
			if !ok {
				continue
			}
			operations++
			at := where + "." + method
			op, ok := raw.(map[string]any)
			if !ok {
				p.add(at, "not an operation object")
				continue
			}
			if id, _ := op["operationId"].(string); id == "" {
				p.add(at, "no operationId")
			} else if !operationRE.MatchString(id) {
				p.add(at, "operationId %q is not a plain identifier", id)
			} else if prev, dup := operationIDs[id]; dup {
				p.add(at, "operationId %q is also used by %s", id, prev)
			} else {
				operationIDs[id] = at
			}
			own := checkParameters(&p, doc, at+".parameters", op["parameters"], inTemplate)
			for name := range inTemplate {
				if !shared[name] && !own[name] {
					p.add(at, "path parameter {%s} is not declared", name)
				}
			}
			checkResponses(&p, doc, at+".responses", op["responses"])
			if rb, ok := op["requestBody"]; ok {
				body, _ := resolve(doc, rb).(map[string]any)
				if c, _ := body["content"].(map[string]any); len(c) == 0 {
					p.add(at+".requestBody", "no content")
				}
			}
			checkSecurity(&p, at+".security", op["security"], schemes)
		}
		if operations == 0 {
			p.add(where, "no operations")
		}
	}
	walk(doc, "#", func(where string, node map[string]any) {
		if ref, ok := node["$ref"].(string); ok {
			if !strings.HasPrefix(ref, "#/") {
				p.add(where, "$ref %q leaves the document", ref)
			} else if _, ok := pointer(doc, ref); !ok {
				p.add(where, "$ref %q does not resolve", ref)
			}
		}
		if _, ok := node["nullable"]; ok && strings.Contains(where, "schema") {
			p.add(where, `"nullable" is OpenAPI 3.0; in 3.1 use "type": ["…", "null"]`)
		}
		if req, ok := node["required"].([]any); ok {
			props := map[string]any{}
			for _, s := range append([]any{node}, allOfMembers(doc, node)...) {
				s, _ := s.(map[string]any)
				if ps, ok := s["properties"].(map[string]any); ok {
					maps.Copy(props, ps)
				}
			}
			if len(props) > 0 {
				for _, r := range req {
					if name, _ := r.(string); props[name] == nil {
						p.add(where, "required property %q is not among the properties", r)
					}
				}
			}
		}
	})
	return p
}

// allOfMembers returns the schemas node's allOf brings in, following $refs and nested allOfs.
func allOfMembers(doc map[string]any, node map[string]any) []any {
	var out []any
	list, _ := node["allOf"].([]any)
	for _, m := range list {
		if s, ok := resolve(doc, m).(map[string]any); ok {
			out = append(out, s)
			out = append(out, allOfMembers(doc, s)...)
		}
	}
	return out
}

// TestCheckOpenAPIFindsProblems feeds the checker a small document with one of each mistake,
// so that a checker that stopped looking would fail here rather than pass everything.
func TestCheckOpenAPIFindsProblems(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(`{
	  "openapi": "3.0.3",
	  "info": {"title": "broken"},
	  "paths": {
	    "/things/{id}": {
	      "get": {"operationId": "getThing", "security": [{"apiKey": []}],
	        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}},
	      "put": {"operationId": "getThing", "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
	        "responses": {}},
	      "bogus": {}
	    },
	    "/others/{other}": {
	      "parameters": [{"name": "nope", "in": "path", "required": true, "schema": {"type": "string"}}],
	      "post": {"operationId": "postOther", "responses": {"20x": {"description": ""}},
	        "requestBody": {"content": {}}}
	    }
	  },
	  "components": {"schemas": {"Thing": {"type": "object", "nullable": true, "required": ["name"], "properties": {"id": {"type": "string"}}}}}
	}`), &doc); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(checkOpenAPI(doc), "\n")
	for _, want := range []string{
		`openapi: "3.0.3" is not an OpenAPI 3.1 version`,
		"info.version: missing",
		`paths./things/{id}: unknown field "bogus"`,
		"paths./things/{id}.get: path parameter {id} is not declared",
		`security scheme "apiKey" is not in components.securitySchemes`,
		`operationId "getThing" is also used by`,
		`path parameter "id" must be required: true`,
		"paths./things/{id}.put.responses: an operation needs at least one response",
		`path parameter "nope" is not in the path`,
		"paths./others/{other}.post: path parameter {other} is not declared",
		`"20x" is not a status code`,
		"a response needs a description",
		"paths./others/{other}.post.requestBody: no content",
		`$ref "#/components/schemas/Missing" does not resolve`,
		`"nullable" is OpenAPI 3.0`,
		`required property "name" is not among the properties`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the checker missed: %s", want)
		}
	}
	if t.Failed() {
		t.Logf("it found:\n%s", got)
	}
}

// checkParameters checks a parameters list and returns the names of its path parameters.
func checkParameters(p *problems, doc map[string]any, where string, raw any, inTemplate map[string]bool) map[string]bool {
	names := map[string]bool{}
	if raw == nil {
		return names
	}
	list, ok := raw.([]any)
	if !ok {
		p.add(where, "not a list")
		return names
	}
	seen := map[string]bool{}
	for i, r := range list {
		at := fmt.Sprintf("%s[%d]", where, i)
		param, ok := resolve(doc, r).(map[string]any)
		if !ok {
			p.add(at, "not a parameter object")
			continue
		}
		name, _ := param["name"].(string)
		in, _ := param["in"].(string)
		if name == "" {
			p.add(at, "no name")
		}
		switch in {
		case "query", "header", "cookie":
		case "path":
			names[name] = true
			if req, _ := param["required"].(bool); !req {
				p.add(at, "path parameter %q must be required: true", name)
			}
			if !inTemplate[name] {
				p.add(at, "path parameter %q is not in the path", name)
			}
		default:
			p.add(at, "in is %q, not query, header, path or cookie", in)
		}
		if seen[in+" "+name] {
			p.add(at, "%s parameter %q is declared twice", in, name)
		}
		seen[in+" "+name] = true
		_, schema := param["schema"]
		_, content := param["content"]
		if schema == content {
			p.add(at, "a parameter has exactly one of schema and content")
		}
	}
	return names
}

// checkResponses checks an operation's responses: at least one, keyed by status code (or
// default), each with a description.
func checkResponses(p *problems, doc map[string]any, where string, raw any) {
	rs, ok := raw.(map[string]any)
	if !ok || len(rs) == 0 {
		p.add(where, "an operation needs at least one response")
		return
	}
	for _, code := range sortedKeys(rs) {
		at := where + "." + code
		if code != "default" && !statusRE.MatchString(code) {
			p.add(at, "%q is not a status code", code)
		}
		r, ok := resolve(doc, rs[code]).(map[string]any)
		if !ok {
			p.add(at, "not a response object")
			continue
		}
		if d, _ := r["description"].(string); strings.TrimSpace(d) == "" {
			p.add(at, "a response needs a description")
		}
	}
}

// checkSecurity checks that a security requirement list names declared schemes.
func checkSecurity(p *problems, where string, raw any, schemes map[string]bool) {
	if raw == nil {
		return
	}
	list, ok := raw.([]any)
	if !ok {
		p.add(where, "not a list")
		return
	}
	for _, r := range list {
		req, _ := r.(map[string]any)
		for name := range req {
			if !schemes[name] {
				p.add(where, "security scheme %q is not in components.securitySchemes", name)
			}
		}
	}
}

// resolve follows a $ref (local ones only), returning v itself when it is not a reference.
func resolve(doc map[string]any, v any) any {
	for range 10 {
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return v
		}
		if v, ok = pointer(doc, ref); !ok {
			return nil
		}
	}
	return nil
}

// pointer resolves a local JSON pointer reference ("#/components/schemas/Client").
func pointer(doc map[string]any, ref string) (any, bool) {
	var cur any = doc
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			var i int
			if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// walk calls f on every object of the document, with its JSON pointer.
func walk(v any, where string, f func(string, map[string]any)) {
	switch n := v.(type) {
	case map[string]any:
		f(where, n)
		for _, k := range sortedKeys(n) {
			walk(n[k], where+"/"+strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1"), f)
		}
	case []any:
		for i, e := range n {
			walk(e, fmt.Sprintf("%s/%d", where, i), f)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// routeRecorder is a Mux that keeps the patterns Register adds.
type routeRecorder struct{ patterns []string }

func (r *routeRecorder) Handle(pattern string, _ http.Handler) {
	r.patterns = append(r.patterns, pattern)
}
func (r *routeRecorder) HandleFunc(pattern string, _ func(http.ResponseWriter, *http.Request)) {
	r.patterns = append(r.patterns, pattern)
}

// wildcardRE matches a ServeMux wildcard: {name}, {name...} or {$}.
var wildcardRE = regexp.MustCompile(`\{([^{}]*?)(\.\.\.)?\}`)

// routeKey turns a ServeMux pattern into "METHOD /path/{param}", the form the document's paths
// take; ok is false for a pattern without a method.
func routeKey(pattern string) (string, bool) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || strings.HasPrefix(method, "/") {
		return "", false
	}
	path = wildcardRE.ReplaceAllStringFunc(path, func(w string) string {
		if w == "{$}" {
			return ""
		}
		return "{" + wildcardRE.FindStringSubmatch(w)[1] + "}"
	})
	return strings.ToUpper(method) + " " + path, true
}

// TestOpenAPIMatchesRouter checks the document against the router: every route Register adds
// under /api/v1 is documented with its method, and every documented operation is routed.
func TestOpenAPIMatchesRouter(t *testing.T) {
	rec := &routeRecorder{}
	(&API{}).Register(rec)
	if len(rec.patterns) == 0 {
		t.Fatal("Register added no routes")
	}
	routed := map[string]bool{}
	for _, pat := range rec.patterns {
		if pat == Prefix {
			continue // the misses: problem details for what no route serves
		}
		key, ok := routeKey(pat)
		if !ok {
			t.Errorf("route %q names no method; every API route should", pat)
			continue
		}
		if strings.Contains(key, " /api/v1/") {
			routed[key] = true
		} else {
			t.Errorf("route %q is outside /api/v1", pat)
		}
	}
	documented := map[string]bool{}
	doc := openAPIDocument(t)
	paths, _ := doc["paths"].(map[string]any)
	for path, raw := range paths {
		item, _ := raw.(map[string]any)
		for _, m := range httpMethods {
			if _, ok := item[m]; ok {
				documented[strings.ToUpper(m)+" "+path] = true
			}
		}
	}
	for _, k := range sortedKeys(toAny(routed)) {
		if !documented[k] {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for _, k := range sortedKeys(toAny(documented)) {
		if !routed[k] {
			t.Errorf("openapi.json documents %s, which the router does not serve", k)
		}
	}
}

func toAny(m map[string]bool) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestRouteKey checks the translation of ServeMux patterns into the document's paths.
func TestRouteKey(t *testing.T) {
	for pattern, want := range map[string]string{
		"GET /api/v1/clients/{id}":          "GET /api/v1/clients/{id}",
		"post /api/v1/episodes/{id}/x":      "POST /api/v1/episodes/{id}/x",
		"GET /api/v1/{$}":                   "GET /api/v1/",
		"GET /api/v1/files/{path...}":       "GET /api/v1/files/{path}",
		"GET example.org/api/v1/clients":    "GET example.org/api/v1/clients",
		"/api/v1/clients":                   "",
		"GET /api/v1/clients/{id}/episodes": "GET /api/v1/clients/{id}/episodes",
	} {
		got, _ := routeKey(pattern)
		if got != want {
			t.Errorf("routeKey(%q) = %q, want %q", pattern, got, want)
		}
	}
}

// TestOpenAPIServed checks that the API serves the document it embeds, as JSON.
func TestOpenAPIServed(t *testing.T) {
	mux := http.NewServeMux()
	(&API{}).Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || string(body) != string(openAPIDoc) {
		t.Errorf("GET /api/v1/openapi.json: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}
