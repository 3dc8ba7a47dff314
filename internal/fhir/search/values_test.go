package search

import (
	"slices"
	"testing"
)

func TestSplitValues(t *testing.T) {
	for in, want := range map[string][]string{
		"a,b":                {"a", "b"},
		`a\,b,c`:             {"a,b", "c"},
		`http://loinc.org|1`: {"http://loinc.org|1"},
		`a\|b|c`:             {`a\|b|c`},
		`x\\`:                {`x\`},
		"":                   {""},
	} {
		if got := SplitValues(in); !slices.Equal(got, want) {
			t.Errorf("SplitValues(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenMatches(t *testing.T) {
	loinc := Code{System: "http://loinc.org", Code: "44261-6"}
	bare := Code{Code: "44261-6"}
	for _, tc := range []struct {
		token string
		code  Code
		want  bool
	}{
		{"44261-6", loinc, true},
		{"44261-6", bare, true},
		{"http://loinc.org|44261-6", loinc, true},
		{"http://loinc.org|44261-6", bare, false},
		{"http://snomed.info/sct|44261-6", loinc, false},
		{"|44261-6", loinc, false},
		{"|44261-6", bare, true},
		{"http://loinc.org|", loinc, true},
		{"http://loinc.org|", bare, false},
		{"44261", loinc, false},
		{`urn:a\|b|c`, Code{System: "urn:a|b", Code: "c"}, true},
	} {
		tok, err := ParseToken(tc.token)
		if err != nil {
			t.Fatalf("ParseToken(%q): %v", tc.token, err)
		}
		if got := tok.Matches(tc.code); got != tc.want {
			t.Errorf("%q against %+v: %v, want %v", tc.token, tc.code, got, tc.want)
		}
	}
	for _, bad := range []string{"", "|"} {
		if _, err := ParseToken(bad); err == nil {
			t.Errorf("ParseToken(%q) accepted", bad)
		}
	}
}

func TestParseReference(t *testing.T) {
	for _, tc := range []struct {
		in, modifier string
		want         Reference
	}{
		{"123", "", Reference{ID: "123"}},
		{"123", "Patient", Reference{Type: "Patient", ID: "123"}},
		{"Patient/123", "", Reference{Type: "Patient", ID: "123"}},
		{"Patient/123/_history/2", "", Reference{Type: "Patient", ID: "123"}},
		{"https://clinic.example/fhir/R4/Patient/123", "", Reference{Type: "Patient", ID: "123"}},
	} {
		got, err := ParseReference(tc.in, tc.modifier)
		if err != nil || got != tc.want {
			t.Errorf("ParseReference(%q, %q) = %+v, %v", tc.in, tc.modifier, got, err)
		}
	}
	for _, bad := range [][2]string{{"", ""}, {"Group/1", "Patient"}, {"a/b/c", ""}, {"Patient/", ""}} {
		if _, err := ParseReference(bad[0], bad[1]); err == nil {
			t.Errorf("ParseReference(%q, %q) accepted", bad[0], bad[1])
		}
	}
	r := Reference{ID: "123"}
	if !r.Matches("Patient/123") || r.Matches("Patient/1234") || (Reference{Type: "Group", ID: "123"}).Matches("Patient/123") {
		t.Error("Reference.Matches")
	}
}

func TestStringMatches(t *testing.T) {
	for _, tc := range []struct {
		s    String
		v    string
		want bool
	}{
		{String{Value: "and"}, "Anderson", true},
		{String{Value: "son"}, "Anderson", false},
		{String{Value: "son", Contains: true}, "AnderSON", true},
		{String{Value: "anderson", Exact: true}, "Anderson", false},
		{String{Value: "Anderson", Exact: true}, "Anderson", true},
	} {
		if got := tc.s.Matches(tc.v); got != tc.want {
			t.Errorf("%+v against %q: %v", tc.s, tc.v, got)
		}
	}
}

// FuzzValues checks that no value makes the token, reference or value splitting panic.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"a,b", `x\|y|z`, "http://loinc.org|", "Patient/1/_history/2", "|", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range SplitValues(s) {
			_, _ = ParseToken(v)
			_, _ = ParseReference(v, "")
			_, _ = ParseReference(v, "Patient")
		}
	})
}
