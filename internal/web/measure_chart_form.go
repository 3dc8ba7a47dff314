package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
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
			it := itemView{Field: f, Text: item.Text, Number: i + 1, Error: errs[f], SafetyItem: item.Critical}
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

// measureForm shows the in-session entry form; ?instrument= chooses the questionnaire.
func (s *Server) measureForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	id := r.URL.Query().Get("instrument")
	if !slices.Contains(measureOrder, id) {
		id = "phq9"
	}
	loc, tz := s.clientLocation(r, c.ID)
	v := url.Values{"taken_at": {time.Now().In(loc).Format(takenAtLayout)}}
	s.render(w, r, http.StatusOK, "measures_new", measureFormPage(who, c, id, v, map[string]string{}, tz))
}

// measureFieldPath matches a store field error about one answer: answers[3] or answers.phq9[3].
var measureFieldPath = regexp.MustCompile(`^answers(?:\.[a-z0-9]+)?\[(\d+)\]$`)

// measureSave stores a measure entered in session, or shows the form again (400) with every
// answer kept and each problem named.
func (s *Server) measureSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	_ = r.ParseForm()
	v := r.PostForm
	id := v.Get("instrument")
	loc, tz := s.clientLocation(r, c.ID)
	errs := map[string]string{}
	in := carepath.MeasureInput{Instrument: id}
	n := 0
	switch inst, ok := instrument.Get(instrument.ID(id)); {
	case ok:
		n = len(inst.Items)
	case id == string(outcome.CheckInID):
		n = len(outcome.CheckInQuestions)
	default:
		errs["instrument"] = "Choose a questionnaire."
		id = "phq9"
	}
	for i := range n {
		a, err := strconv.Atoi(strings.TrimSpace(v.Get(answerField(i))))
		if err != nil {
			errs[answerField(i)] = "Choose an answer."
			if id == string(outcome.CheckInID) {
				errs[answerField(i)] = "Give a whole number."
			}
		}
		in.Answers = append(in.Answers, a)
	}
	if t, err := time.ParseInLocation(takenAtLayout, strings.TrimSpace(v.Get("taken_at")), loc); err != nil {
		errs["taken_at"] = "Give the date and time, for example " + time.Now().In(loc).Format(takenAtLayout) + "."
	} else {
		in.TakenAt = t.UTC()
	}
	if len(errs) == 0 {
		_, _, err := s.Measures.CreateMeasure(r.Context(), c.ID, in)
		if err == nil {
			http.Redirect(w, r, "/staff/clients/"+c.ID+"?measure=saved#h-measures", http.StatusSeeOther)
			return
		}
		var ce *carepath.Error
		if !errors.As(err, &ce) || ce.Code != carepath.EINVALID {
			s.fail(w, r, "create measure", err, pageErrors)
			return
		}
		for _, f := range ce.Fields {
			field := f.Field
			if m := measureFieldPath.FindStringSubmatch(field); m != nil {
				field = "answers[" + m[1] + "]"
			} else if strings.HasPrefix(field, "answers") {
				field = "answers"
			}
			errs[field] = f.Message
		}
		if len(errs) == 0 {
			errs["answers"] = ce.Message
		}
	}
	s.render(w, r, http.StatusBadRequest, "measures_new", measureFormPage(who, c, id, v, errs, tz))
}

// measureLinkSend sends the client a link to answer the chosen questionnaires; a problem shows
// the link form again (400) with the choices kept.
func (s *Server) measureLinkSend(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Measure, access.Create) {
		s.deny(w, r, measureErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	_ = r.ParseForm()
	in := carepath.MeasureLinkInput{Instruments: r.PostForm["instruments"], SendTo: r.PostForm.Get("send_to")}
	errs := map[string]string{}
	if len(in.Instruments) == 0 {
		errs["instruments"] = "Choose at least one questionnaire."
	}
	if in.SendTo != "email" && in.SendTo != "sms" {
		errs["send_to"] = "Choose how to send the link."
	}
	if len(errs) == 0 {
		_, _, err := s.Measures.CreateMeasureLink(r.Context(), c.ID, in)
		if err == nil {
			http.Redirect(w, r, "/staff/clients/"+c.ID+"?measure=sent#h-measures", http.StatusSeeOther)
			return
		}
		var ce *carepath.Error
		if !errors.As(err, &ce) || ce.Code != carepath.EINVALID {
			s.fail(w, r, "create measure link", err, pageErrors)
			return
		}
		for _, f := range ce.Fields {
			field := f.Field
			if strings.HasPrefix(field, "instruments") {
				field = "instruments"
			}
			errs[field] = f.Message
		}
	}
	view := measureLinkView{page: page{Title: "Send an answer link"}, Who: who, Client: c, Errors: errs}
	for _, id := range measureOrder {
		view.Instruments = append(view.Instruments, optionView{ID: "link-" + id, Value: id, Label: instrumentName(id), Checked: slices.Contains(in.Instruments, id)})
	}
	if c.Email != "" {
		view.SendTo = append(view.SendTo, optionView{ID: "send-email", Value: "email", Label: "Email", Checked: in.SendTo == "email"})
	}
	if c.Phone != "" {
		view.SendTo = append(view.SendTo, optionView{ID: "send-sms", Value: "sms", Label: "Text message (SMS)", Checked: in.SendTo == "sms"})
	}
	if e := errs["instruments"]; e != "" {
		view.Summary = append(view.Summary, errorLink{"link-phq9", "Questionnaires: " + e})
	}
	if e := errs["send_to"]; e != "" {
		anchor := "send-email"
		if len(view.SendTo) > 0 {
			anchor = view.SendTo[0].ID
		}
		view.Summary = append(view.Summary, errorLink{anchor, "Send by: " + e})
	}
	s.render(w, r, http.StatusBadRequest, "measures_link", view)
}
