package web

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/carepath/carepath/placement"
)

// TestAboutShowsEveryRule checks that /about shows every rule of the rubric, of the safety
// floor and every withdrawal management setting, in its own words.
func TestAboutShowsEveryRule(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pages["about"].Execute(&buf, aboutView{page: page{Title: "How this works"}, Rubric: rubricRows()}); err != nil {
		t.Fatal(err)
	}
	out := html.UnescapeString(buf.String())
	for _, r := range placement.Rubric {
		if !strings.Contains(out, "<code>"+r.Code+"</code>") || !strings.Contains(out, r.Text) {
			t.Errorf("the rubric rule %s is missing", r.Code)
		}
	}
	for _, r := range placement.FloorRules {
		if !strings.Contains(out, "<code>"+r.Code+"</code>") || !strings.Contains(out, r.Text) {
			t.Errorf("the floor rule %s is missing", r.Code)
		}
	}
	for _, l := range placement.WithdrawalManagementLevels {
		if !strings.Contains(out, "<code>"+string(l.Level)+"</code>") || !strings.Contains(out, l.Name) {
			t.Errorf("the withdrawal management setting %s is missing", l.Level)
		}
	}
}
