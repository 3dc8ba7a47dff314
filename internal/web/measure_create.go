package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// measureCreate stores a measure entered in session, or shows the form again (400) with every
// answer kept and each problem named.
func (s *Server) measureCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
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
