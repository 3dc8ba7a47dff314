package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/outcome"
)

// limitAnswers answers 429 to an address that asks too often (answerLimits).
func (s *Server) limitAnswers(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.answerLimits.Allow(httpserver.RemoteAddr(r)) {
			w.Header().Set("Retry-After", "60")
			s.render(w, r, http.StatusTooManyRequests, "error", errorView{page: page{Title: "Please wait a moment", AnswerLink: true},
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

// answerDoneView is the view model of the thank-you page.
type answerDoneView struct{ page }

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

// answerForm shows the questionnaires of a link.
func (s *Server) answerForm(w http.ResponseWriter, r *http.Request) {
	r = publicCtx(r)
	link, err := s.Measures.OpenMeasureLink(r.Context(), r.PathValue("token"))
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "answer", answerPage(r.PathValue("token"), link.Instruments, url.Values{}, map[string]string{}))
}

// answerSubmit stores the answers of a link; a missing answer shows the form again with what
// was chosen kept.
func (s *Server) answerSubmit(w http.ResponseWriter, r *http.Request) {
	r = publicCtx(r)
	token := r.PathValue("token")
	link, err := s.Measures.OpenMeasureLink(r.Context(), token)
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong", AnswerLink: true}, Message: "The form could not be read. Please try again."})
		return
	}
	answers, errs := parseAnswers(link.Instruments, r.PostForm)
	if len(errs) == 0 {
		var ms []*carepath.Measure
		ms, err = s.Measures.SubmitMeasureLink(r.Context(), token, answers)
		if err == nil {
			crisis := false
			for _, m := range ms {
				if m.Instrument == string(instrument.PHQ9) && m.Item9 >= 1 {
					crisis = true
				}
			}
			s.render(w, r, http.StatusOK, "answer_done", answerDoneView{page: page{Title: "Thank you", Crisis: crisis, AnswerLink: true}})
			return
		}
		var ce *carepath.Error
		if !errors.As(err, &ce) || ce.Code != carepath.EINVALID {
			s.linkError(w, r, err)
			return
		}
		for _, f := range ce.Fields {
			errs[answerFormField(f.Field)] = f.Message
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "answer", answerPage(token, link.Instruments, r.PostForm, errs))
}

// storeField matches a store field error about one answer: answers.phq9[3].
var storeField = regexp.MustCompile(`^answers\.([a-z0-9]+)\[(\d+)\]$`)

// answerFormField turns a store field name into the form's: answers.phq9[3] → phq9_4.
func answerFormField(f string) string {
	if m := storeField.FindStringSubmatch(f); m != nil {
		i, _ := strconv.Atoi(m[2])
		return m[1] + "_" + strconv.Itoa(i+1)
	}
	return strings.TrimPrefix(f, "answers.") + "_1"
}

// parseAnswers reads every item of every instrument; each is required.
func parseAnswers(ids []string, v url.Values) (map[string][]int, map[string]string) {
	answers := map[string][]int{}
	errs := map[string]string{}
	for _, id := range ids {
		if id == string(outcome.CheckInID) {
			a := make([]int, len(outcome.CheckInQuestions))
			for i, q := range outcome.CheckInQuestions {
				f := id + "_" + strconv.Itoa(i+1)
				n, err := strconv.Atoi(strings.TrimSpace(v.Get(f)))
				if err != nil || n < q.Min || n > q.Max {
					errs[f] = "Please give a whole number from " + strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max) + "."
				}
				a[i] = n
			}
			answers[id] = a
			continue
		}
		in, ok := instrument.Get(instrument.ID(id))
		if !ok {
			continue
		}
		a := make([]int, len(in.Items))
		for i, item := range in.Items {
			f := itemField(in.ID, i)
			n, err := strconv.Atoi(v.Get(f))
			if err != nil || n < 0 || n >= len(item.Options) {
				errs[f] = "Please choose an answer."
			}
			a[i] = n
		}
		answers[id] = a
	}
	return answers, errs
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
		for i, item := range in.Items {
			f := itemField(in.ID, i)
			it := itemView{Field: f, Text: item.Text, Number: i + 1, Error: errs[f], SafetyItem: in.ID == instrument.PHQ9 && i == 8}
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
