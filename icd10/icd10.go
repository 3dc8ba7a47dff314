// Package icd10 holds the ICD-10-CM diagnosis codes carepath uses on charts, authorizations and
// claims: a shipped subset of the code set (the whole mental, behavioral and neurodevelopmental
// chapter, F01–F99, plus the Z and R codes behavioral-health programs use) and the parsers for
// CMS's public code files (Parse, then Set.With), with which a clinic extends the shipped subset to
// the full code set or a newer year. It is pure: it imports the standard library and carepath only.
//
// ICD-10-CM is published by CMS and NCHS and is in the public domain. Only billable codes — the
// leaves of the classification — may be reported on a claim; a category or subcategory with
// children (a "header", e.g. F10.2 "Alcohol dependence") may not. Set.Check says which child
// codes to choose from.
package icd10

import (
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Code is one ICD-10-CM code: the code with its dot (F10.20), whether it is billable (a leaf
// that may be reported on a claim) and its short and long descriptions.
type Code struct {
	Code     string `json:"code"`
	Billable bool   `json:"billable"`
	Short    string `json:"short_description"`
	Long     string `json:"description"`
}

// Set is an immutable collection of codes in tabular order. Build one with NewSet, Default or
// Set.With; every method is safe for concurrent use.
type Set struct {
	byKey  map[string]int // dotless code → index in codes
	codes  []Code         // sorted by dotless code, which is the tabular order
	Source string         // where the codes came from, e.g. "ICD-10-CM FY2026 subset"
}

// NewSet builds a set from codes. A code given twice keeps its last description and flag.
func NewSet(source string, codes []Code) *Set {
	s := &Set{byKey: make(map[string]int, len(codes)), Source: source}
	for _, c := range codes {
		key := Key(c.Code)
		c.Code = Format(key)
		if i, ok := s.byKey[key]; ok {
			s.codes[i] = c
			continue
		}
		s.byKey[key] = len(s.codes)
		s.codes = append(s.codes, c)
	}
	slices.SortFunc(s.codes, func(a, b Code) int { return strings.Compare(Key(a.Code), Key(b.Code)) })
	for i, c := range s.codes {
		s.byKey[Key(c.Code)] = i
	}
	return s
}

// With returns a new set holding s's codes with codes added or, where a code is already in s,
// replaced (an imported CMS file is the authority over the shipped subset).
func (s *Set) With(source string, codes []Code) *Set {
	all := append(slices.Clone(s.codes), codes...)
	return NewSet(source, all)
}

// Len is the number of codes in s, headers included.
func (s *Set) Len() int { return len(s.codes) }

// All returns a copy of every code in tabular order.
func (s *Set) All() []Code { return slices.Clone(s.codes) }

// Key returns code without its dot, upper-cased and trimmed: "f10.20 " → "F1020". It is the form
// X12 claims carry. It does not check the code.
func Key(code string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), ".", ""))
}

// Format returns a dotless code with its dot after the third character: "F1020" → "F10.20".
func Format(key string) string {
	key = Key(key)
	if len(key) <= 3 {
		return key
	}
	return key[:3] + "." + key[3:]
}

// WellFormed reports whether code has the shape of an ICD-10-CM code: a letter, a digit, a
// letter or digit, then up to four letters or digits (with or without the dot after the third
// character). It says nothing about whether the code exists.
func WellFormed(code string) bool {
	t := strings.TrimSpace(code)
	if i := strings.IndexByte(t, '.'); i >= 0 && (i != 3 || len(t) == 4 || strings.Count(t, ".") > 1) {
		return false
	}
	k := Key(t)
	if len(k) < 3 || len(k) > 7 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		letter, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		switch {
		case i == 0 && !letter, i == 1 && !digit, !letter && !digit:
			return false
		}
	}
	return true
}

// Lookup returns the code in s that code names (with or without its dot, any case).
func (s *Set) Lookup(code string) (Code, bool) {
	if !WellFormed(code) {
		return Code{}, false
	}
	i, ok := s.byKey[Key(code)]
	if !ok {
		return Code{}, false
	}
	return s.codes[i], true
}

// Valid reports whether code is in s, as a billable code or a header.
func (s *Set) Valid(code string) bool { _, ok := s.Lookup(code); return ok }

// Billable reports whether code is in s and may be reported on a claim.
func (s *Set) Billable(code string) bool { c, ok := s.Lookup(code); return ok && c.Billable }

// Children returns the codes one or more levels below code, in tabular order.
func (s *Set) Children(code string) []Code {
	key := Key(code)
	i, ok := s.byKey[key]
	if !ok {
		return nil
	}
	var out []Code
	for _, c := range s.codes[i+1:] {
		if !strings.HasPrefix(Key(c.Code), key) {
			break
		}
		out = append(out, c)
	}
	return out
}

// Check returns nil when code is a billable code of s, and otherwise an EINVALID error on field
// "code" that says why in plain words: not a code at all, not in the code set, or a heading that
// needs a more specific code (naming a few of them).
func (s *Set) Check(code string) error {
	fail := func(kind, format string, args ...any) error {
		var fe carepath.FieldErrors
		fe.Add("code", kind, format, args...)
		return fe.Err()
	}
	if !WellFormed(code) {
		return fail("format", "%q is not an ICD-10-CM code: use a letter, two digits and up to four more characters, e.g. F10.20", clip(code))
	}
	c, ok := s.Lookup(code)
	if !ok {
		return fail("unknown", "%s is not in the code set (%s); import CMS's code file to add it", Format(code), s.Source)
	}
	if !c.Billable {
		var leaves []string
		for _, k := range s.Children(c.Code) {
			if k.Billable && len(leaves) < 4 {
				leaves = append(leaves, k.Code)
			}
		}
		return fail("not_billable", "%s (%s) is a heading, not a billable code; choose a more specific code such as %s",
			c.Code, c.Long, strings.Join(leaves, ", "))
	}
	return nil
}

// clip shortens what a person typed before it is echoed in a message.
func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
