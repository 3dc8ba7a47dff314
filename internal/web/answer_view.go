package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"net/url"
	"strconv"

	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/ratelimit"
	"github.com/carepath/carepath/outcome"
)

// limitAnswers answers 429 to an address that asks too often (answerLimits).
func (s *Server) limitAnswers(h http.HandlerFunc) http.HandlerFunc {
	return s.limited(s.answerLimits, h)
}

// limitIntake answers 429 to an address that sends the public intake form too often.
func (s *Server) limitIntake(h http.HandlerFunc) http.HandlerFunc {
	return s.limited(s.intakeLimits, h)
}

// limitPublic answers 429 to an address that opens calendar feeds or scorecards too often.
func (s *Server) limitPublic(h http.HandlerFunc) http.HandlerFunc {
	return s.limited(s.publicLimits, h)
}

// limited answers 429 to a client (by its real address, httpserver.RemoteAddr) that asks l too
// often, and runs h otherwise. Other clients are never held back by one client's requests.
func (s *Server) limited(l *ratelimit.Limiter, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !l.Allow(httpserver.RemoteAddr(r)) {
			w.Header().Set("Retry-After", "60")
			s.render(w, r, http.StatusTooManyRequests, "error", errorView{page: page{Title: "Please wait a moment", AnswerLink: l == s.answerLimits},
				Message: "Too many requests came from your connection. Please wait a minute and try again."})
			return
		}
		h(w, r)
	}
}

// answerView is the view model of the answer page.
type answerView struct {
	page
	Action      string
	Instruments []instrumentView
	Errors      []errorLink
}

// answerDoneView is the view model of the thank-you page: what happens next, and only what is
// true. Safety says the answers raised a safety alert; OnCall that someone on call was alerted
// just now; Contact when the care team will be in touch, from the program's office hours.
type answerDoneView struct {
	page
	Safety  bool
	OnCall  bool
	Contact string
}

// newAnswerDone builds the thank-you page of receipt, seen at now.
func newAnswerDone(receipt *carepath.MeasureLinkReceipt, now time.Time) answerDoneView {
	v := answerDoneView{page: page{Title: "Thank you", Crisis: receipt.Safety, AnswerLink: true}, Safety: receipt.Safety, OnCall: receipt.OnCallAlerted}
	v.Contact = contactText(receipt.Hours, receipt.Safety, now)
	return v
}

// contactText says when the care team will be in touch, from the program's office hours.
func contactText(h *carepath.OfficeHours, safety bool, now time.Time) string {
	at, open, ok := time.Time{}, false, false
	if h != nil {
		at, open, ok = h.NextContact(now)
	}
	zone := ""
	if ok {
		zone = " (" + h.TimeZone + " time)"
	}
	switch {
	case !safety:
		return "Your care team will go through your answers with you at your next appointment."
	case !ok:
		return "Your care team will see your answers and contact you as soon as they can. They are not at work at all hours, so do not wait for them if you feel unsafe."
	case open:
		return "Your care team is at work until " + at.Format("15:04") + " today" + zone + " and will contact you today."
	}
	when := at.Format("Monday") + " at " + at.Format("15:04")
	if y, m, d := now.In(at.Location()).Date(); at.Year() == y && at.Month() == m && at.Day() == d {
		when = "today at " + at.Format("15:04")
	} else if y, m, d := now.In(at.Location()).AddDate(0, 0, 1).Date(); at.Year() == y && at.Month() == m && at.Day() == d {
		when = "tomorrow at " + at.Format("15:04")
	}
	return "The office is closed now. Your care team will contact you when it opens: " + when + zone + "."
}

// publicCtx is the context of a visitor holding a link: the token decides what they may do.
func publicCtx(r *http.Request) *http.Request {
	return r.WithContext(httpserver.PublicContext(r))
}

// answerGone is the one page for an unknown, used or expired link: it says nothing of whose
// it was or why it does not work.
func (s *Server) answerGone(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "answer_gone", errorView{page: page{Title: "This link does not work", AnswerLink: true},
		Message: "This link does not work. It may have been used already or have expired. If your clinic asked you to answer some questions, please ask them for a new link."})
}

// linkError answers err of an answer link: answerGone when the link names nothing, else the
// error page of the answer pages.
func (s *Server) linkError(w http.ResponseWriter, r *http.Request, err error) {
	if isNotFound(err) {
		s.answerGone(w, r)
		return
	}
	s.fail(w, r, "answer link", err, answerLinkErrors)
}

// answerPage builds the answer page of a link's instruments, with what was chosen and errors.
func answerPage(token string, ids []string, v url.Values, errs map[string]string) answerView {
	view := answerView{page: page{Title: "Your questionnaires", AnswerLink: true}, Action: "/m/" + token}
	for _, id := range ids {
		if id == string(outcome.CheckInID) {
			iv := instrumentView{ID: id, Name: "Check-in", Title: "Days without alcohol or drugs, and craving",
				Instructions: "Please give a whole number for each question.",
				Attribution:  "carepath's own check-in for tracking recovery; it is not a validated questionnaire."}
			for i, q := range outcome.CheckInQuestions {
				f := id + "_" + strconv.Itoa(i+1)
				iv.Items = append(iv.Items, itemView{Field: f, Text: q.Text, Number: i + 1, Error: errs[f],
					Options: []optionView{{ID: f, Value: v.Get(f), Label: strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max)}}})
				if errs[f] != "" {
					view.Errors = append(view.Errors, errorLink{f, "Check-in question " + strconv.Itoa(i+1) + ": " + errs[f]})
				}
			}
			view.Instruments = append(view.Instruments, iv)
			continue
		}
		in, ok := instrument.Get(instrument.ID(id))
		if !ok {
			continue
		}
		iv := instrumentView{ID: id, Name: in.Name, Title: in.Title, Instructions: in.Instructions, Attribution: in.Attribution}
		if in.ID == instrument.CSSRS {
			iv.Instructions = "Questions 1 to 5 are about the past month; question 6 is about any time in your life. There are no wrong answers, and your care team will talk them through with you."
		}
		for i, item := range in.Items {
			f := itemField(in.ID, i)
			it := itemView{Field: f, Text: item.Text, Number: i + 1, Error: errs[f], SafetyItem: in.ID == instrument.PHQ9 && i == 8}
			if item.Follows != "" {
				it.Hint = "Answer this only if you said Yes to question 2; otherwise choose No."
			}
			for j, o := range item.Options {
				val := strconv.Itoa(j)
				it.Options = append(it.Options, optionView{ID: f + "-" + val, Value: val, Label: o.Label, Checked: v.Get(f) == val})
			}
			if it.Error != "" {
				view.Errors = append(view.Errors, errorLink{f + "-0", in.Name + " question " + strconv.Itoa(i+1) + ": " + it.Error})
			}
			if it.SafetyItem && v.Get(f) != "" && v.Get(f) != "0" {
				view.Crisis = true
			}
			iv.Items = append(iv.Items, it)
		}
		view.Instruments = append(view.Instruments, iv)
	}
	return view
}
