package contract

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// undocumented returns the JSON pointers of the members of v that the schema at ptr does not
// describe, each array index written as "*" and each pointer once. A schema that leaves additionalProperties open still documents only the
// properties it names: JSON Schema lets such an object carry anything, but a server that
// sends a field the document never mentions has drifted from it. A member is described when
// a schema that applies to its object names it in properties, matches it in
// patternProperties, or gives additionalProperties (or unevaluatedProperties) a schema or
// true. The schemas that apply are the schema itself, what its $ref points to, its allOf
// members and those anyOf/oneOf members whose type admits the value.
func (d *Document) undocumented(ptr string, v any) []string {
	var out []string
	d.walk(d.applicable(ptr, v), v, "", &out)
	slices.Sort(out)
	return slices.Compact(out)
}

// walk checks v against the schemas (raw objects) that apply to it, appending to out.
func (d *Document) walk(schemas []map[string]any, v any, at string, out *[]string) {
	switch val := v.(type) {
	case map[string]any:
		for _, name := range slices.Sorted(maps.Keys(val)) {
			memberAt := at + "/" + escape(name)
			var sub []map[string]any
			described := false
			for _, s := range schemas {
				if props, ok := s["properties"].(map[string]any); ok {
					if p, ok := props[name]; ok {
						described = true
						sub = append(sub, d.applicableRaw(p, val[name])...)
						continue
					}
				}
				if pp, ok := s["patternProperties"].(map[string]any); ok {
					for pattern, p := range pp {
						if re, err := regexp.Compile(pattern); err == nil && re.MatchString(name) {
							described = true
							sub = append(sub, d.applicableRaw(p, val[name])...)
						}
					}
				}
				for _, kw := range []string{"additionalProperties", "unevaluatedProperties"} {
					switch extra := s[kw].(type) {
					case bool:
						described = described || extra
					case map[string]any:
						described = true
						sub = append(sub, d.applicableRaw(extra, val[name])...)
					}
				}
			}
			if !described {
				*out = append(*out, memberAt)
				continue
			}
			if opaque(sub) {
				continue // described as anything (true, {}): nothing inside to hold to
			}
			d.walk(sub, val[name], memberAt, out)
		}
	case []any:
		for i, item := range val {
			var sub []map[string]any
			for _, s := range schemas {
				if prefix, ok := s["prefixItems"].([]any); ok && i < len(prefix) {
					sub = append(sub, d.applicableRaw(prefix[i], item)...)
				} else if items, ok := s["items"]; ok {
					sub = append(sub, d.applicableRaw(items, item)...)
				}
			}
			d.walk(sub, item, at+"/*", out)
		}
	}
}

// opaque reports whether schemas say nothing about a value's shape (no schemas, or only
// ones such as {} without type, properties or items).
func opaque(schemas []map[string]any) bool {
	for _, s := range schemas {
		for _, kw := range []string{"type", "properties", "patternProperties", "additionalProperties", "items", "prefixItems", "const", "enum"} {
			if _, ok := s[kw]; ok {
				return false
			}
		}
	}
	return true
}

// applicable returns the schemas that apply to v, starting from the schema at ptr.
func (d *Document) applicable(ptr string, v any) []map[string]any {
	node, ok := d.at(ptr)
	if !ok {
		return nil
	}
	return d.applicableRaw(node, v)
}

// applicableRaw returns schema and the schemas it brings in for v: $ref targets, allOf
// members, and the anyOf/oneOf members whose type admits v.
func (d *Document) applicableRaw(schema any, v any) []map[string]any {
	var out []map[string]any
	var visit func(s any, depth int)
	visit = func(s any, depth int) {
		obj, ok := s.(map[string]any)
		if !ok || depth > 32 {
			return
		}
		out = append(out, obj)
		if ref, ok := obj["$ref"].(string); ok && strings.HasPrefix(ref, "#/") {
			if target, ok := d.at(ref[1:]); ok {
				visit(target, depth+1)
			}
		}
		if all, ok := obj["allOf"].([]any); ok {
			for _, m := range all {
				visit(m, depth+1)
			}
		}
		for _, kw := range []string{"anyOf", "oneOf"} {
			if alts, ok := obj[kw].([]any); ok {
				for _, m := range alts {
					if d.admits(m, v) {
						visit(m, depth+1)
					}
				}
			}
		}
	}
	visit(schema, 0)
	return out
}

// admits reports whether a schema's type (after its $ref) allows v's JSON type; a schema with
// no type admits anything.
func (d *Document) admits(schema any, v any) bool {
	obj, ok := schema.(map[string]any)
	for range 10 {
		ref, isRef := obj["$ref"].(string)
		if !ok || !isRef || obj["type"] != nil || !strings.HasPrefix(ref, "#/") {
			break
		}
		var target any
		if target, ok = d.at(ref[1:]); !ok {
			return true
		}
		obj, ok = target.(map[string]any)
	}
	types := typesOf(obj)
	if len(types) == 0 {
		return true
	}
	kind := jsonType(v)
	return slices.Contains(types, kind) || (kind == "integer" && slices.Contains(types, "number"))
}

// jsonType names v's JSON type as JSON Schema does.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	}
	return "number"
}

// at returns the value at a JSON pointer into the document.
func (d *Document) at(ptr string) (any, bool) {
	return pointerInto(d.raw, ptr)
}
