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
	if err := pages["about"].Execute(&buf, aboutView{page: page{Title: "How this works"}, Rubric: rubricRows(), Credits: aidCredits()}); err != nil {
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
	// How the aid asks, and the attribution of every questionnaire it can ask.
	for _, want := range []string{"PHQ-2", "GAD-2", "AUDIT-C", "3 or more", "C-SSRS", "988", "Single-question drug screen",
		"Smith PC", "Pfizer", "Skinner", "Columbia", "World Health Organization"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	for _, l := range placement.WithdrawalManagementLevels {
		if !strings.Contains(out, "<code>"+string(l.Level)+"</code>") || !strings.Contains(out, l.Name) {
			t.Errorf("the withdrawal management setting %s is missing", l.Level)
		}
	}
}
