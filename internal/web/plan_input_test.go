package web

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestPlanFieldID(t *testing.T) {
	for _, tt := range []struct{ path, id string }{
		{"problems[0].goals[1].objectives[0].target_date", "plan-p0-g1-o0-target_date"},
		{"problems[2].in_own_words", "plan-p2-in_own_words"},
		{"problems[0].goals[0].objectives[1].interventions[3].kind", "plan-p0-g0-o1-i3-kind"},
		{"problems", "plan-p0-statement"},
		{"problems[1].goals", "plan-p1-g0-statement"},
		{"problems[1].goals[2].objectives", "plan-p1-g2-o0-statement"},
		{"problems[0].goals[0].objectives[0].interventions", "plan-p0-g0-o0-i0-kind"},
		{"review_date", "plan-review_date"},
		{"revision", "plan-form"},
	} {
		if got := planFieldID(tt.path); got != tt.id {
			t.Errorf("planFieldID(%q) = %q, want %q", tt.path, got, tt.id)
		}
	}
}

func TestRowPath(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // "" when invalid
	}{
		{"p0", "[0]"}, {"p1.g2", "[1 2]"}, {"p0.g0.o3", "[0 0 3]"},
		{"g0", ""}, {"p0.o1", ""}, {"p0.g0.o0.i0", ""}, {"p-1", ""}, {"p", ""}, {"", ""},
	} {
		idx, ok := rowPath(tt.in)
		got := ""
		if ok {
			got = fmt.Sprint(idx)
		}
		if got != tt.want {
			t.Errorf("rowPath(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestPlanFormCompact reads a posted form with spare rows and checks that blank rows are
// dropped, a row with any text is kept, and "add another" adds where it says.
func TestPlanFormCompact(t *testing.T) {
	v := url.Values{
		"revision": {"4"}, "review_date": {""},
		"p0.statement": {"Anxiety"}, "p0.in_own_words": {""},
		"p0.g0.statement": {"Calm"}, "p0.g0.in_own_words": {""},
		"p0.g0.o0.statement": {"GAD-7 < 10"}, "p0.g0.o0.target_date": {"2030-01-01"},
		"p0.g0.o0.i0.kind": {""}, "p0.g0.o0.i0.description": {" "}, "p0.g0.o0.i0.frequency": {""},
		"p0.g0.o0.i1.kind": {"cbt"}, "p0.g0.o0.i1.description": {""}, "p0.g0.o0.i1.frequency": {"weekly"},
		"p0.g1.statement": {""}, "p0.g1.in_own_words": {""}, "p0.g1.o0.statement": {""}, "p0.g1.o0.target_date": {""},
		"p1.statement": {""}, "p1.in_own_words": {"my words only"},
		"p2.statement": {""}, "p2.in_own_words": {""},
	}
	r := httptest.NewRequest("POST", "/", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	f := readPlanForm(r)
	if f.Revision != 4 || len(f.Problems) != 3 || len(f.Problems[0].Goals) != 2 || len(f.Problems[0].Goals[0].Objectives[0].Interventions) != 2 {
		t.Fatalf("read: %+v", f)
	}
	if !f.addRow("p0.g0.o0") || len(f.Problems[0].Goals[0].Objectives[0].Interventions) != 3 {
		t.Error("add an intervention")
	}
	if f.addRow("p9") || f.addRow("x") {
		t.Error("add at a row that does not exist")
	}
	f.compact()
	ps := f.problems()
	if len(ps) != 2 || len(ps[0].Goals) != 1 || len(ps[0].Goals[0].Objectives[0].Interventions) != 1 ||
		ps[0].Goals[0].Objectives[0].Interventions[0].Kind != "cbt" || ps[1].InOwnWords != "my words only" || ps[1].Goals == nil {
		t.Errorf("compacted: %+v", ps)
	}
}
