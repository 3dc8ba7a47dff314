package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// authorizationCreate records the posted authorization and goes back to the page, or shows it
// again with what was typed kept and each problem named next to its field (400).
func (s *Server) authorizationCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	f := authorizationForm{PayerID: v.Get("payer_id"), Number: v.Get("number"), Level: v.Get("level"), Start: v.Get("start"),
		End: v.Get("end"), Units: v.Get("units"), Unit: v.Get("unit"), NextReview: v.Get("next_review"),
		Frequency: v.Get("frequency"), CareManager: v.Get("care_manager")}
	errs := map[string]string{}
	units, err := strconv.Atoi(strings.TrimSpace(f.Units))
	if err != nil {
		errs["auth-units"] = "Please give the units approved as a whole number."
	}
	back := "/staff/clients/" + r.PathValue("id") + "/episodes/" + r.PathValue("episode") + "/authorizations"
	if len(errs) == 0 {
		_, err = s.Authorizations.AddAuthorization(r.Context(), r.PathValue("episode"), carepath.AuthorizationInput{PayerID: f.PayerID,
			Number: f.Number, Level: carepath.Level(f.Level), Start: f.Start, End: f.End, Units: units, Unit: f.Unit,
			NextReview: f.NextReview, Frequency: f.Frequency, CareManager: f.CareManager})
		switch {
		case err == nil:
			http.Redirect(w, r, back, http.StatusSeeOther)
			return
		case !isInvalid(err):
			s.fail(w, r, "add authorization", err, episodeErrors)
			return
		}
	}
	for _, fe := range carepath.ErrorFields(err) {
		for _, af := range authorizationFields {
			if af.path == fe.Field {
				if _, dup := errs[af.id]; !dup {
					errs[af.id] = fe.Message
				}
			}
		}
	}
	s.renderAuthorizationList(w, r, http.StatusBadRequest, f, errs, nil, nil)
}
