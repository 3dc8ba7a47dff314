package web

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// startView is the view model of the decision aid's first page.
type startView struct {
	page
	Steps, Questions int // the shortest path: every screen negative
}

// stepView is the view model of one step of the aid.
type stepView struct {
	page
	Step          *aidStep
	Number, Total int // "Step Number of Total", Total counted on the path the answers so far lead to
	Questions     []questionView
	Hidden        []hiddenField // every other answer, carried along
	Errors        []errorLink
	First         bool // no Back button
	Emergency     bool // the C-SSRS answers call for help now
}

// questionView is one question as a step shows it.
type questionView struct {
	Field, Text, Hint, Kind, Value, Error string
	Optional                              bool
	Choices                               []optionView
	Crisis                                string // the answers that show the crisis banner at once, space-separated
	InputID                               string // the first input's id, where the error summary leads
}

// hiddenField is an answer of another step, carried in the form.
type hiddenField struct{ Name, Value string }

// stepPage builds the page of step s on path for answers a, showing errs next to their fields.
func stepPage(s *aidStep, path []*aidStep, a aidAnswers, errs map[string]string) stepView {
	i := stepIndex(path, s.ID)
	v := stepView{page: page{Title: "Step " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(path)) + ": " + s.Title,
		Crisis: crisisAnswered(a, path)}, Step: s, Number: i + 1, Total: len(path), First: i == 0,
		Emergency: emergencyAnswered(a, path)}
	own := map[string]bool{}
	for _, q := range s.Questions(a) {
		own[q.Field] = true
		qv := questionView{Field: q.Field, Text: q.Text, Hint: q.Hint, Kind: q.Kind, Value: a.get(q.Field), Error: errs[q.Field],
			Optional: q.Optional, Crisis: strings.Join(q.Crisis, " "), InputID: "q-" + q.Field}
		picked := a.all(q.Field)
		for _, c := range q.Choices {
			id := "q-" + q.Field + "-" + c.Value
			qv.Choices = append(qv.Choices, optionView{ID: id, Value: c.Value, Label: c.Label, Checked: slices.Contains(picked, c.Value)})
		}
		if len(qv.Choices) > 0 {
			qv.InputID = qv.Choices[0].ID
		}
		if qv.Error != "" {
			v.Errors = append(v.Errors, errorLink{qv.InputID, q.Text + " " + qv.Error})
		}
		v.Questions = append(v.Questions, qv)
	}
	v.Hidden = carried(a, own)
	return v
}

// carried lists every answer but those of the fields in skip (and the form's own controls),
// in a stable order, to travel in hidden fields.
func carried(a aidAnswers, skip map[string]bool) []hiddenField {
	names := make([]string, 0, len(a))
	for name := range a {
		if !skip[name] && aidFields[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []hiddenField
	for _, name := range names {
		for _, v := range url.Values(a)[name] {
			if len(v) <= maxAnswerLength {
				out = append(out, hiddenField{name, v})
			}
		}
	}
	return out
}

// aidFields are the fields of every question the aid can ask, and of the optional questions of
// the result page: only these are carried from page to page.
var aidFields = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range practicalFields {
		m[f] = true
	}
	// Ask each step's questions of answers that open every branch.
	every := aidAnswers{"cssrs_2": {"yes"}, "recent_level": {"iop"}, "drug_screen": {"1"}}
	for _, s := range aidSteps {
		for _, q := range s.Questions(every) {
			m[q.Field] = true
		}
	}
	return m
}()

// practicalFields are the optional questions of the result page.
var practicalFields = []string{"weekly_hours_available", "must_keep_working", "preference", "deductible_remaining",
	"coinsurance_percent", "copay", "out_of_pocket_remaining"}

// maxAnswerLength bounds an answer carried from page to page; no answer is longer.
const maxAnswerLength = 40

// shortestPath is the path of a person whose every screen is negative, for the first page.
func shortestPath() (steps, questions int) {
	a := aidAnswers{}
	for _, s := range aidPath(a) {
		steps++
		questions += len(s.Questions(a))
	}
	return steps, questions
}
