package web

import (
	"net/url"
	"regexp"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// takenAtLayout is the layout of the taken_at input (datetime-local).
const takenAtLayout = "2006-01-02T15:04"

// measureFormView is the view model of the page where a clinician enters a measure in session.
type measureFormView struct {
	page
	Who        signedIn
	Client     *carepath.Client
	Choices    []optionView // the instrument select
	Instrument *instrumentView
	TakenAt    string
	TimeZone   string
	Errors     map[string]string
	Summary    []errorLink
}

// measureLinkView is the view model of the answer-link form shown again after a problem.
type measureLinkView struct {
	page
	Who         signedIn
	Client      *carepath.Client
	Instruments []optionView
	SendTo      []optionView
	Errors      map[string]string
	Summary     []errorLink
}

// answerField names the form field of item i: answers[i], as the API names it.
func answerField(i int) string { return "answers[" + strconv.Itoa(i) + "]" }

// answerAnchor is the element id of item i's first choice (or its number input).
func answerAnchor(i int) string { return "answers-" + strconv.Itoa(i) }

// measureFormPage builds the form for instrument id with the values of v and the errors.
func measureFormPage(who signedIn, c *carepath.Client, id string, v url.Values, errs map[string]string, tz string) measureFormView {
	view := measureFormView{page: page{Title: "Enter a measure"}, Who: who, Client: c, TakenAt: v.Get("taken_at"), TimeZone: tz, Errors: errs}
	for _, iid := range measureOrder {
		view.Choices = append(view.Choices, optionView{Value: iid, Label: instrumentName(iid), Checked: iid == id})
	}
	iv := &instrumentView{ID: id}
	if id == string(outcome.CheckInID) {
		iv.Name, iv.Title, iv.Instructions = "Check-in", "Days without alcohol or drugs, and craving", "A whole number for each question."
		for i, q := range outcome.CheckInQuestions {
			f := answerField(i)
			iv.Items = append(iv.Items, itemView{Field: f, Text: q.Text, Number: i + 1, Error: errs[f],
				Options: []optionView{{ID: answerAnchor(i), Value: v.Get(f), Label: strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max)}}})
		}
	} else if in, ok := instrument.Get(instrument.ID(id)); ok {
		iv.Name, iv.Title, iv.Instructions, iv.Attribution = in.Name, in.Title, in.Instructions, in.Attribution
		for i, item := range in.Items {
			f := answerField(i)
			it := itemView{Field: f, Text: item.Text, Number: i + 1, Error: errs[f], SafetyItem: item.Critical && in.ID == instrument.PHQ9}
			if item.Follows != "" {
				it.Hint = "Ask only after a yes to question 2; otherwise choose No."
			}
			for j, o := range item.Options {
				val := strconv.Itoa(j)
				oid := answerAnchor(i)
				if j > 0 {
					oid += "-" + val
				}
				it.Options = append(it.Options, optionView{ID: oid, Value: val, Label: o.Label, Checked: v.Get(f) == val})
			}
			iv.Items = append(iv.Items, it)
		}
	} else {
		iv = nil
	}
	view.Instrument = iv
	if iv != nil {
		if e := errs["answers"]; e != "" {
			view.Summary = append(view.Summary, errorLink{answerAnchor(0), "answers: " + e})
		}
		for i, it := range iv.Items {
			if it.Error != "" {
				view.Summary = append(view.Summary, errorLink{answerAnchor(i), "Question " + strconv.Itoa(i+1) + " (" + it.Field + "): " + it.Error})
			}
		}
	}
	if e := errs["taken_at"]; e != "" {
		view.Summary = append(view.Summary, errorLink{"taken_at", "Date and time taken: " + e})
	}
	if e := errs["instrument"]; e != "" {
		view.Summary = append(view.Summary, errorLink{"instrument", "Questionnaire: " + e})
	}
	return view
}

// measureFieldPath matches a store field error about one answer: answers[3] or answers.phq9[3].
var measureFieldPath = regexp.MustCompile(`^answers(?:\.[a-z0-9]+)?\[(\d+)\]$`)
