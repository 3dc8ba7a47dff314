package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// intakeStatusUpdate marks a request contacted, closed (with why) or new again; the change is
// recorded with who made it and when, and audited. A missing choice or note is named next to
// its field, with what was typed kept; a converted request is refused (409).
func (s *Server) intakeStatusUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.intakePage(w, r, who)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		v.Errors["intake-status"] = "The form could not be read. Please try again."
		v.Summary = summaryOf(v.Errors, "intake-status")
		s.render(w, r, http.StatusBadRequest, "intake", v)
		return
	}
	v.Status, v.Note = strings.TrimSpace(r.PostForm.Get("status")), r.PostForm.Get("note")
	if v.Status == "" {
		v.Errors["intake-status"] = "Please choose what happened."
		v.Summary = summaryOf(v.Errors, "intake-status", "intake-note")
		s.render(w, r, http.StatusBadRequest, "intake", v)
		return
	}
	_, err := s.Intakes.SetIntakeStatus(r.Context(), v.Intake.ID, carepath.IntakeStatusUpdate{Status: carepath.IntakeStatus(v.Status), Note: v.Note})
	switch {
	case err == nil:
		if r.PostForm.Get("from") == "queue" {
			http.Redirect(w, r, "/staff/intakes?marked=1", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/staff/intakes/"+v.Intake.ID+"?saved=1", http.StatusSeeOther)
	case isInvalid(err):
		placeFieldErrors(v.Errors, err, func(field, _ string) string {
			switch field {
			case "status":
				return "intake-status"
			case "note":
				return "intake-note"
			}
			return ""
		}, "intake-status")
		v.Summary = summaryOf(v.Errors, "intake-status", "intake-note")
		s.render(w, r, http.StatusBadRequest, "intake", v)
	case isConflict(err):
		v.Errors["intake-status"] = carepath.ErrorMessage(err)
		v.Summary = summaryOf(v.Errors, "intake-status")
		v.CanChange = false
		s.render(w, r, http.StatusConflict, "intake", v)
	default:
		s.fail(w, r, "intake status", err, intakeErrors)
	}
}
