// Package contract holds an HTTP API to its OpenAPI 3.1 document. Load validates the document
// itself against the OpenAPI Initiative's JSON Schema for OpenAPI 3.1 and compiles every schema
// in it as JSON Schema 2020-12 (github.com/santhosh-tekuri/jsonschema/v6); Check then judges one
// request and its response against the operation they belong to, and Wrap does that for every
// exchange a test server answers under /api/v1/, failing the test on a mismatch.
//
// The rules Check applies:
//   - a path that is not in its clean form may be answered by a redirect to it;
//   - the request is matched to an operation by method and path template (HEAD as GET); a path
//     no template matches must answer 404, and a documented path asked with an undocumented
//     method must answer 405 with an Allow header naming exactly the documented methods, both
//     as application/problem+json;
//   - the response status is documented (exactly, by range such as 4XX, or by default);
//   - a response with a body has a documented media type, and a JSON body (application/json or
//     any +json type) validates against that media type's schema; a response documented with
//     no content has no body; documented headers marked required are present;
//   - a request the server accepted (2xx) is one the document allows: its body has a documented
//     media type and validates against the request schema (a required body is present, an
//     undocumented one absent), every query parameter is documented, required ones are present
//     and values validate against their schemas, path parameters validate, and it carries the
//     credentials one of the operation's security requirements names.
package contract

import (
	"bytes"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// documentURL is the base URL the document is compiled under; schema locations in messages
// start with it.
const documentURL = "openapi.json"

// Document is a loaded OpenAPI 3.1 document whose schemas are compiled, ready to check
// exchanges. It is safe for concurrent use.
type Document struct {
	raw        map[string]any
	paths      []*pathTemplate
	operations map[string]*Operation // by operationId
	problem    *mediaSchema          // components.schemas.Problem, for misses; nil if absent
	schemes    map[string]map[string]any
	security   []map[string]any // the document's default security requirements
}

// Operation is one documented operation: its method, path template and compiled schemas.
type Operation struct {
	ID     string
	Method string // upper case
	Path   string // the template, as in the document

	requestRequired bool
	requestBody     map[string]*mediaSchema // by media type; nil entry for non-JSON types
	hasRequestBody  bool
	responses       map[string]*response // by status key: "200", "4XX", "default"
	params          []*parameter
	security        []map[string]any // nil: the document's
}

type response struct {
	content         map[string]*mediaSchema // by media type; nil entry for non-JSON types
	requiredHeaders []string
}

// mediaSchema is a compiled JSON schema and the JSON pointer it was compiled from.
type mediaSchema struct {
	schema *jsonschema.Schema
	ptr    string
}

type parameter struct {
	name, in string
	required bool
	types    []string // the schema's "type", for turning a string into a JSON value
	items    []string // an array schema's item "type"
	schema   *jsonschema.Schema
}

// Exchange is one request and the response the server gave it. RequestBody is the request's
// body (the Request's own Body is not read); Header and Body are the response's.
type Exchange struct {
	Request     *http.Request
	RequestBody []byte
	Status      int
	Header      http.Header
	Body        []byte
}

// Mismatch is what Check found wrong with one exchange, each problem a sentence.
type Mismatch struct {
	Method, Path string
	Status       int
	Operation    string // the operationId, "" for a miss
	Problems     []string
}

// Error lists the problems under the exchange they belong to.
func (m *Mismatch) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s → %d", m.Method, m.Path, m.Status)
	if m.Operation != "" {
		fmt.Fprintf(&b, " (%s)", m.Operation)
	}
	b.WriteString(" does not match the OpenAPI document:")
	for _, p := range m.Problems {
		b.WriteString("\n  - " + strings.ReplaceAll(p, "\n", "\n    "))
	}
	return b.String()
}

func (m *Mismatch) add(format string, args ...any) {
	m.Problems = append(m.Problems, fmt.Sprintf(format, args...))
}

// Operations returns the document's operations, in path then method order.
func (d *Document) Operations() []*Operation {
	var ops []*Operation
	for _, p := range d.paths {
		for _, m := range slices.Sorted(maps.Keys(p.operations)) {
			ops = append(ops, p.operations[m])
		}
	}
	return ops
}

// Find returns the operation that serves method and path (a request path, not a template),
// or false when none does.
func (d *Document) Find(method, path string) (*Operation, bool) {
	t, _ := d.match(path)
	if t == nil {
		return nil, false
	}
	op := t.operation(method)
	return op, op != nil
}

// Check judges one exchange by the rules in the package comment. It returns nil or a
// *Mismatch.
func (d *Document) Check(x Exchange) error {
	r := x.Request
	m := &Mismatch{Method: r.Method, Path: r.URL.Path, Status: x.Status}
	if !clean(r.URL.Path) && x.Status >= 300 && x.Status < 400 && x.Header.Get("Location") != "" {
		return nil // a redirect to the path's clean form (as http.ServeMux answers "//")
	}
	t, params := d.match(r.URL.EscapedPath())
	switch {
	case t == nil:
		d.checkMiss(m, x, http.StatusNotFound)
	case t.operation(r.Method) == nil:
		d.checkMiss(m, x, http.StatusMethodNotAllowed)
		if x.Status == http.StatusMethodNotAllowed {
			checkAllow(m, x.Header.Get("Allow"), t.allowed())
		}
	default:
		op := t.operation(r.Method)
		m.Operation = op.ID
		op.checkResponse(m, x, d)
		if x.Status >= 200 && x.Status < 300 {
			op.checkRequest(m, x, params, d)
		}
	}
	if len(m.Problems) == 0 {
		return nil
	}
	return m
}

// clean reports whether p is already in its clean form ("/a/b", "/a/b/"), without empty,
// "." or ".." segments.
func clean(p string) bool {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p
}

// checkMiss checks the answer to a request no operation serves: want, as problem details.
func (d *Document) checkMiss(m *Mismatch, x Exchange, want int) {
	what := "no documented path matches"
	if want == http.StatusMethodNotAllowed {
		what = "the path is documented, but not for this method"
	}
	if x.Status != want {
		m.add("%s, so the answer must be %d, not %d", what, want, x.Status)
		return
	}
	if mt := mediaType(x.Header); mt != "application/problem+json" {
		m.add("a %d must be application/problem+json, not %q", want, mt)
		return
	}
	if d.problem != nil {
		d.validateBody(m, "the body", d.problem, x.Body)
	}
}

// checkAllow checks that an Allow header names exactly the documented methods.
func checkAllow(m *Mismatch, header string, want []string) {
	var got []string
	for _, s := range strings.Split(header, ",") {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			got = append(got, s)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		m.add("Allow is %q; the document has %s", header, strings.Join(want, ", "))
	}
}

// checkResponse checks the status, the media type, the body and the required headers.
func (op *Operation) checkResponse(m *Mismatch, x Exchange, d *Document) {
	key, resp := op.responseFor(x.Status)
	if resp == nil {
		m.add("status %d is not documented (documented: %s)", x.Status, strings.Join(slices.Sorted(maps.Keys(op.responses)), ", "))
		return
	}
	for _, h := range resp.requiredHeaders {
		if x.Header.Get(h) == "" {
			m.add("the %s response's required header %s is missing", key, h)
		}
	}
	head := x.Request.Method == http.MethodHead
	if len(resp.content) == 0 {
		if len(bytes.TrimSpace(x.Body)) > 0 {
			m.add("the %s response is documented without content, but has a %d-byte body", key, len(x.Body))
		}
		return
	}
	if head {
		return
	}
	mt := mediaType(x.Header)
	sch, ok := lookupMedia(resp.content, mt)
	if !ok {
		m.add("the %s response's media type %q is not documented (documented: %s)", key, mt,
			strings.Join(slices.Sorted(maps.Keys(resp.content)), ", "))
		return
	}
	if sch != nil {
		d.validateBody(m, "the "+key+" response body", sch, x.Body)
	}
}

// responseFor finds the documented response for status: exact, then range, then default.
func (op *Operation) responseFor(status int) (string, *response) {
	for _, key := range []string{fmt.Sprint(status), fmt.Sprintf("%dXX", status/100), "default"} {
		if r, ok := op.responses[key]; ok {
			return key, r
		}
	}
	return "", nil
}

// validateBody decodes body as JSON, validates it against ms and looks for members the
// schema does not describe.
func (d *Document) validateBody(m *Mismatch, what string, ms *mediaSchema, body []byte) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		m.add("%s is not JSON: %v", what, err)
		return
	}
	if err := ms.schema.Validate(v); err != nil {
		m.add("%s does not match its schema: %v", what, err)
	}
	if extra := d.undocumented(ms.ptr, v); len(extra) > 0 {
		m.add("%s has members the document does not describe: %s", what, strings.Join(extra, ", "))
	}
}

// mediaType returns the media type of a Content-Type header, lower case, without parameters.
func mediaType(h http.Header) string {
	ct := h.Get("Content-Type")
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(ct)
	}
	return mt
}

// lookupMedia finds the content entry for a media type: exact, then "type/*", then "*/*".
func lookupMedia(content map[string]*mediaSchema, mt string) (*mediaSchema, bool) {
	main, _, _ := strings.Cut(mt, "/")
	for _, key := range []string{mt, main + "/*", "*/*"} {
		if s, ok := content[key]; ok {
			return s, true
		}
	}
	return nil, false
}

// isJSON reports whether a media type is JSON: application/json or any +json type.
func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// operation returns the operation documented for method, answering HEAD with GET's when
// the path documents no HEAD of its own; nil when there is none.
func (t *pathTemplate) operation(method string) *Operation {
	if op := t.operations[method]; op != nil || method != http.MethodHead {
		return op
	}
	return t.operations[http.MethodGet]
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}
