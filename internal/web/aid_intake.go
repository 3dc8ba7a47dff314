package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/placement"
)

// intakeDoneView is the view model of the page shown after an intake request is stored.
type intakeDoneView struct {
	page
	Level string
}

// aidIntake stores an intake request with the answers, but only with the person's consent.
// The answers travel in a hidden field and are checked again here; nothing the browser says
// about the recommendation is trusted. Problems show the result page again with the form kept.
func (s *Server) aidIntake(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	f := r.PostForm
	profileJSON := f.Get("profile")
	p, err := placement.DecodeBytes([]byte(profileJSON))
	var rec placement.Recommendation
	if err == nil {
		rec, err = s.Placement.Recommend(p)
	}
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Your answers were lost"},
			Message: "We could not read your answers. Nothing was stored. Please start the questions again."})
		return
	}
	in := carepath.Intake{
		Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), BestTimes: f.Get("best_times"),
		Consent: f.Get("consent") == "yes", Profile: []byte(profileJSON), Level: rec.Level, Crisis: rec.Crisis,
	}
	if err = s.Intakes.CreateIntake(httpserver.PublicContext(r), &in); err != nil {
		form := intakeForm{Name: in.Name, Email: in.Email, Phone: in.Phone, BestTimes: in.BestTimes, Consent: in.Consent, Errors: map[string]string{}}
		var ce *carepath.Error
		if !errors.As(err, &ce) || ce.Code != carepath.EINVALID {
			s.Log.Error("store intake", "err", err)
			form.Summary = append(form.Summary, errorLink{"intake-name", "We could not store your request just now. Nothing was stored; please try again in a minute."})
		}
		for _, fe := range carepath.ErrorFields(err) {
			form.Errors[fe.Field] = fe.Message
			form.Summary = append(form.Summary, errorLink{"intake-" + strings.ReplaceAll(fe.Field, "_", "-"), fe.Message})
		}
		s.render(w, r, httpserver.Status(err), "result", resultPage(rec, profileJSON, form))
		return
	}
	s.render(w, r, http.StatusOK, "intake_done", intakeDoneView{page: page{Title: "Request sent", Crisis: rec.Crisis}, Level: rec.LevelName})
}
