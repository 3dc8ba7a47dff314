package contract

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// checkRequest checks a request the server accepted: body, parameters and credentials.
func (op *Operation) checkRequest(m *Mismatch, x Exchange, pathParams map[string]string, d *Document) {
	op.checkRequestBody(m, x, d)
	query := x.Request.URL.Query()
	documented := map[string]bool{}
	for _, p := range op.params {
		var values []string
		switch p.in {
		case "query":
			documented[p.name] = true
			values = query[p.name]
		case "path":
			if v, ok := pathParams[p.name]; ok {
				values = []string{v}
			}
		case "header":
			values = x.Request.Header.Values(p.name)
		case "cookie":
			if c, err := x.Request.Cookie(p.name); err == nil {
				values = []string{c.Value}
			}
		}
		if len(values) == 0 {
			if p.required {
				m.add("the server accepted a request without the required %s parameter %q", p.in, p.name)
			}
			continue
		}
		if err := p.schema.Validate(p.value(values)); err != nil {
			m.add("the server accepted the %s parameter %q = %q, which its schema refuses: %v", p.in, p.name, strings.Join(values, ","), err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(query)) {
		if !documented[name] {
			m.add("the server accepted the query parameter %q, which the operation does not document", name)
		}
	}
	security := op.security
	if security == nil {
		security = d.security
	}
	if len(security) > 0 && !d.satisfies(x.Request, security) {
		m.add("the server answered %d to a request without the credentials the operation's security requires", x.Status)
	}
}

// checkRequestBody checks an accepted request's body against the documented request body.
func (op *Operation) checkRequestBody(m *Mismatch, x Exchange, d *Document) {
	empty := len(strings.TrimSpace(string(x.RequestBody))) == 0
	if !op.hasRequestBody {
		if !empty {
			m.add("the server accepted a request body, but the operation documents none")
		}
		return
	}
	if empty {
		if op.requestRequired {
			m.add("the server accepted a request without the required body")
		}
		return
	}
	mt := mediaType(x.Request.Header)
	sch, ok := lookupMedia(op.requestBody, mt)
	if !ok {
		m.add("the server accepted a %q request body; the document has %s", mt,
			strings.Join(slices.Sorted(maps.Keys(op.requestBody)), ", "))
		return
	}
	if sch != nil {
		d.validateBody(m, "the accepted request body", sch, x.RequestBody)
	}
}

// value turns a parameter's raw strings into the JSON value its schema describes: a number
// or boolean where the schema's type says so (left a string when it does not parse, for the
// schema to refuse), a list for an array (from repeated or comma-separated values).
func (p *parameter) value(raw []string) any {
	if slices.Contains(p.types, "array") {
		var items []any
		for _, r := range raw {
			for _, s := range strings.Split(r, ",") {
				items = append(items, scalar(s, p.items))
			}
		}
		return items
	}
	return scalar(raw[0], p.types)
}

// scalar turns s into a JSON number or boolean when types allow one and s is one.
func scalar(s string, types []string) any {
	if slices.Contains(types, "integer") || slices.Contains(types, "number") {
		var n json.Number
		if json.Unmarshal([]byte(s), &n) == nil {
			return n
		}
	}
	if slices.Contains(types, "boolean") && (s == "true" || s == "false") {
		return s == "true"
	}
	return s
}

// satisfies reports whether r carries the credentials of at least one security requirement.
// An empty requirement ({}) is satisfied by anything.
func (d *Document) satisfies(r *http.Request, requirements []map[string]any) bool {
	for _, req := range requirements {
		ok := true
		for name := range req {
			if !d.carries(r, name) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// carries reports whether r carries the credentials of the named security scheme. Schemes
// this package cannot see into (oauth2, openIdConnect, mutualTLS) count as carried.
func (d *Document) carries(r *http.Request, name string) bool {
	s := d.schemes[name]
	typ, _ := s["type"].(string)
	in, _ := s["in"].(string)
	key, _ := s["name"].(string)
	switch typ {
	case "http":
		scheme, _ := s["scheme"].(string)
		got, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		return got != "" && strings.EqualFold(got, scheme)
	case "apiKey":
		switch in {
		case "header":
			return r.Header.Get(key) != ""
		case "query":
			return r.URL.Query().Get(key) != ""
		case "cookie":
			_, err := r.Cookie(key)
			return err == nil
		}
		return false
	}
	return true
}

// unescape decodes a path segment; one that does not decode stays as it was.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
