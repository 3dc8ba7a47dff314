package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// measureLinkCreate sends the client a link to answer the chosen questionnaires; a problem shows
// the link form again (400) with the choices kept.
func (s *Server) measureLinkCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
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
		link, token, err := s.Measures.CreateMeasureLink(r.Context(), c.ID, in)
		if err == nil {
			notice, problem := s.sendLink(r, link.ID, in.SendTo, c, "/m/"+token, "", link.ExpiresAt)
			if problem == "" {
				http.Redirect(w, r, "/staff/clients/"+c.ID+"?measure="+notice+"#h-measures", http.StatusSeeOther)
				return
			}
			errs["send_to"] = problem
		}
		var ce *carepath.Error
		switch {
		case err == nil:
		case !errors.As(err, &ce) || ce.Code != carepath.EINVALID:
			s.fail(w, r, "create measure link", err, pageErrors)
			return
		}
		for _, f := range carepath.ErrorFields(err) {
			field := f.Field
			if strings.HasPrefix(field, "instruments") {
				field = "instruments"
			}
			errs[field] = f.Message
		}
	}
	view := measureLinkView{page: page{Title: "Send an answer link"}, Who: who, Client: c, Errors: errs}
	for _, id := range linkOrder {
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
