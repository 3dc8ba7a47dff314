package contract

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// oasSchemaJSON is the OpenAPI Initiative's JSON Schema for OpenAPI 3.1 documents ($id
// https://spec.openapis.org/oas/3.1/schema/2026-08-03, Apache-2.0), as shipped in the npm
// package @seriousme/openapi-schema-validator 2.11.0. It checks the document's structure;
// the Schema Objects inside are checked by compiling them as JSON Schema 2020-12.
//
//go:embed oas-3.1-schema.json
var oasSchemaJSON []byte

// oasSchema is the compiled OpenAPI 3.1 schema.
var oasSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(oasSchemaJSON))
	if err != nil {
		return nil, fmt.Errorf("the OpenAPI 3.1 schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://spec.openapis.org/oas/3.1/schema"
	if err := c.AddResource(url, v); err != nil {
		return nil, fmt.Errorf("the OpenAPI 3.1 schema: %w", err)
	}
	return c.Compile(url)
})

// base is the URL the document is compiled under.
const base = "file:///" + documentURL

// httpMethods are the operations a path item may hold.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Load parses an OpenAPI 3.1 document, validates it against the OpenAPI 3.1 JSON Schema,
// compiles every schema it holds (each must be valid JSON Schema 2020-12 and every $ref must
// resolve) and returns it ready for Check. The error lists every problem found.
func Load(raw []byte) (*Document, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("the document is not JSON: %w", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("the document is not a JSON object")
	}
	oas, err := oasSchema()
	if err != nil {
		return nil, err
	}
	if err := oas.Validate(v); err != nil {
		return nil, fmt.Errorf("the document is not valid OpenAPI 3.1: %w", err)
	}
	l := &loader{root: root, c: jsonschema.NewCompiler()}
	l.c.DefaultDraft(jsonschema.Draft2020)
	l.c.AssertFormat()
	if err := l.c.AddResource(base, v); err != nil {
		return nil, fmt.Errorf("the document: %w", err)
	}
	d := &Document{raw: root, operations: map[string]*Operation{}, schemes: map[string]map[string]any{}}
	components, _ := root["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(schemas)) {
		at := "/components/schemas/" + escape(name)
		if sch := l.compile(at); sch != nil && name == "Problem" {
			d.problem = &mediaSchema{schema: sch, ptr: at}
		}
	}
	if ss, ok := components["securitySchemes"].(map[string]any); ok {
		for name := range ss {
			s, _ := l.resolve("/components/securitySchemes/" + escape(name))
			d.schemes[name] = s
		}
	}
	d.security = requirements(root["security"])
	paths, _ := root["paths"].(map[string]any)
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		d.paths = append(d.paths, l.pathItem(d, p))
	}
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return d, nil
}

// loader compiles the parts of one document, collecting what fails.
type loader struct {
	root map[string]any
	c    *jsonschema.Compiler
	errs []error
}

// compile compiles the schema at the JSON pointer ptr; nil (and a recorded error) on failure.
func (l *loader) compile(ptr string) *jsonschema.Schema {
	sch, err := l.c.Compile(base + "#" + ptr)
	if err != nil {
		l.errs = append(l.errs, fmt.Errorf("schema at %s: %w", ptr, err))
		return nil
	}
	return sch
}

// resolve returns the object at ptr, following local $refs, and the pointer it ends at.
func (l *loader) resolve(ptr string) (map[string]any, string) {
	for range 10 {
		node, ok := l.at(ptr)
		if !ok {
			l.errs = append(l.errs, fmt.Errorf("%s does not resolve", ptr))
			return nil, ptr
		}
		obj, _ := node.(map[string]any)
		ref, isRef := obj["$ref"].(string)
		if !isRef {
			return obj, ptr
		}
		if !strings.HasPrefix(ref, "#/") {
			l.errs = append(l.errs, fmt.Errorf("%s: $ref %q leaves the document", ptr, ref))
			return nil, ptr
		}
		ptr = ref[1:]
	}
	l.errs = append(l.errs, fmt.Errorf("%s: too many $refs", ptr))
	return nil, ptr
}

// at returns the value at a JSON pointer into the document.
func (l *loader) at(ptr string) (any, bool) { return pointerInto(l.root, ptr) }

// pointerInto returns the value at a JSON pointer into root.
func pointerInto(root map[string]any, ptr string) (any, bool) {
	var cur any = root
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// pathItem compiles one path and its operations.
func (l *loader) pathItem(d *Document, path string) *pathTemplate {
	t := compileTemplate(path)
	item, itemPtr := l.resolve("/paths/" + escape(path))
	shared := l.parameters(itemPtr, item)
	for _, method := range httpMethods {
		raw, ok := item[method].(map[string]any)
		if !ok {
			continue
		}
		opPtr := itemPtr + "/" + method
		op := &Operation{Method: strings.ToUpper(method), Path: path, responses: map[string]*response{}}
		op.ID, _ = raw["operationId"].(string)
		if op.ID == "" {
			op.ID = op.Method + " " + path
		}
		op.params = mergeParameters(shared, l.parameters(opPtr, raw))
		if _, ok := raw["requestBody"]; ok {
			body, bodyPtr := l.resolve(opPtr + "/requestBody")
			op.hasRequestBody = true
			op.requestRequired, _ = body["required"].(bool)
			op.requestBody = l.content(bodyPtr, body)
		}
		responses, _ := raw["responses"].(map[string]any)
		for key := range responses {
			resp, respPtr := l.resolve(opPtr + "/responses/" + escape(key))
			r := &response{content: l.content(respPtr, resp)}
			headers, _ := resp["headers"].(map[string]any)
			for name := range headers {
				h, _ := l.resolve(respPtr + "/headers/" + escape(name))
				if req, _ := h["required"].(bool); req {
					r.requiredHeaders = append(r.requiredHeaders, name)
				}
			}
			slices.Sort(r.requiredHeaders)
			op.responses[strings.ToUpper(key)] = r
		}
		if sec, ok := raw["security"]; ok {
			op.security = requirements(sec)
			if op.security == nil {
				op.security = []map[string]any{}
			}
		}
		if method == "head" {
			op.Method = http.MethodHead
		}
		t.operations[op.Method] = op
		d.operations[op.ID] = op
	}
	return t
}

// content compiles a content map's JSON schemas; a non-JSON media type maps to nil.
func (l *loader) content(ptr string, obj map[string]any) map[string]*mediaSchema {
	content, _ := obj["content"].(map[string]any)
	if len(content) == 0 {
		return nil
	}
	out := make(map[string]*mediaSchema, len(content))
	for mt, raw := range content {
		media, _ := raw.(map[string]any)
		var ms *mediaSchema
		if _, ok := media["schema"]; ok && isJSON(mediaBase(mt)) {
			at := ptr + "/content/" + escape(mt) + "/schema"
			if sch := l.compile(at); sch != nil {
				ms = &mediaSchema{schema: sch, ptr: at}
			}
		}
		out[mediaBase(mt)] = ms
	}
	return out
}

// parameters compiles the parameters listed in obj (a path item or an operation).
func (l *loader) parameters(ptr string, obj map[string]any) []*parameter {
	list, _ := obj["parameters"].([]any)
	var out []*parameter
	for i := range list {
		p, pPtr := l.resolve(fmt.Sprintf("%s/parameters/%d", ptr, i))
		param := &parameter{}
		param.name, _ = p["name"].(string)
		param.in, _ = p["in"].(string)
		param.required, _ = p["required"].(bool)
		if _, ok := p["schema"]; !ok {
			continue // a parameter described by content: not checked
		}
		param.schema = l.compile(pPtr + "/schema")
		sch, _ := l.resolve(pPtr + "/schema")
		param.types = typesOf(sch)
		if items, ok := sch["items"]; ok && items != nil {
			it, _ := l.resolve(pPtr + "/schema/items")
			param.items = typesOf(it)
		}
		if param.schema != nil {
			out = append(out, param)
		}
	}
	return out
}

// mergeParameters returns the path item's parameters overridden by the operation's.
func mergeParameters(shared, own []*parameter) []*parameter {
	out := slices.Clone(own)
	for _, s := range shared {
		if !slices.ContainsFunc(own, func(o *parameter) bool { return o.name == s.name && o.in == s.in }) {
			out = append(out, s)
		}
	}
	return out
}

// typesOf returns a schema's "type" as a list.
func typesOf(sch map[string]any) []string {
	switch t := sch["type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// requirements reads a security requirement list.
func requirements(raw any) []map[string]any {
	list, _ := raw.([]any)
	var out []map[string]any
	for _, r := range list {
		if m, ok := r.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// mediaBase strips parameters from a documented media type key and lower-cases it.
func mediaBase(mt string) string {
	base, _, _ := strings.Cut(mt, ";")
	return strings.ToLower(strings.TrimSpace(base))
}

// escape escapes one JSON pointer token.
func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}
