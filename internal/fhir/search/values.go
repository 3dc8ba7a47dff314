package search

import (
	"fmt"
	"strings"
)

// SplitValues splits a parameter's value at the commas that separate alternatives and undoes
// FHIR's escapes (\, \| \$ \\); escaped pipes stay escaped, for ParseToken.
func SplitValues(s string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			next := s[i+1]
			if next == '|' {
				b.WriteString(`\|`)
			} else {
				b.WriteByte(next)
			}
			i++
			continue
		}
		if c == ',' {
			out = append(out, b.String())
			b.Reset()
			continue
		}
		b.WriteByte(c)
	}
	return append(out, b.String())
}

// Token is a token search value: "code", "system|code", "|code" (no system) or "system|"
// (any code of the system).
type Token struct {
	System    string
	Code      string
	HasSystem bool
}

// ParseToken reads a token search value (one alternative, from SplitValues).
func ParseToken(s string) (Token, error) {
	i := unescapedPipe(s)
	if i < 0 {
		if s == "" {
			return Token{}, fmt.Errorf("the value is empty")
		}
		return Token{Code: unescapePipe(s)}, nil
	}
	t := Token{System: unescapePipe(s[:i]), Code: unescapePipe(s[i+1:]), HasSystem: true}
	if t.System == "" && t.Code == "" {
		return Token{}, fmt.Errorf("%q names neither a system nor a code", s)
	}
	return t, nil
}

func unescapedPipe(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '|' {
			return i
		}
	}
	return -1
}

func unescapePipe(s string) string { return strings.ReplaceAll(s, `\|`, "|") }

// Code is a coded value of a resource: a system and a code (an identifier's system and value).
type Code struct {
	System string
	Code   string
}

// Matches reports whether c matches t: the code alone when t names no system, a code without
// a system for "|code", any code of the system for "system|", else both.
func (t Token) Matches(c Code) bool {
	switch {
	case !t.HasSystem:
		return c.Code == t.Code
	case t.System == "":
		return c.System == "" && c.Code == t.Code
	case t.Code == "":
		return c.System == t.System
	}
	return c.System == t.System && c.Code == t.Code
}

// Reference is a reference search value: a resource type (empty when the value gave none)
// and an id.
type Reference struct {
	Type string
	ID   string
}

// ParseReference reads a reference search value: "id", "Type/id", or an absolute URL ending
// in "Type/id", each optionally followed by "/_history/n". typeModifier is the modifier
// (":Patient"), which names the type when the value does not.
func ParseReference(s, typeModifier string) (Reference, error) {
	if i := strings.Index(s, "/_history/"); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "/")
	var r Reference
	switch {
	case s == "":
		return r, fmt.Errorf("the value is empty")
	case len(parts) == 1:
		r = Reference{Type: typeModifier, ID: parts[0]}
	default:
		r = Reference{Type: parts[len(parts)-2], ID: parts[len(parts)-1]}
		if len(parts) > 2 && !strings.Contains(s, "://") {
			return Reference{}, fmt.Errorf("%q is not a reference: use an id, Type/id or an absolute URL", s)
		}
	}
	if typeModifier != "" && r.Type != typeModifier {
		return Reference{}, fmt.Errorf("%q is not a %s reference", s, typeModifier)
	}
	if r.ID == "" {
		return Reference{}, fmt.Errorf("%q names no id", s)
	}
	return r, nil
}

// Matches reports whether the resource reference ref ("Type/id") is r.
func (r Reference) Matches(ref string) bool {
	typ, id, ok := strings.Cut(ref, "/")
	return ok && id == r.ID && (r.Type == "" || r.Type == typ)
}

// String is a string search value. By default a value matches a string that starts with it,
// ignoring case; Exact asks for the whole string, case and all; Contains for the value
// anywhere, ignoring case.
type String struct {
	Value    string
	Exact    bool
	Contains bool
}

// Matches reports whether the resource's string v matches s.
func (s String) Matches(v string) bool {
	switch {
	case s.Exact:
		return v == s.Value
	case s.Contains:
		return strings.Contains(strings.ToLower(v), strings.ToLower(s.Value))
	}
	return strings.HasPrefix(strings.ToLower(v), strings.ToLower(s.Value))
}
