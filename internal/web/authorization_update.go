package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// authorizationUpdate extends an authorization (units, last date, next review) and goes back to
// the page, or shows it again with the row's form kept and the problem named (400).
func (s *Server) authorizationUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	id := r.PathValue("auth")
	row := authorizationRow{Authorization: &carepath.Authorization{ID: id}, ExtendUnits: v.Get("units"), ExtendEnd: v.Get("end"),
		ExtendReview: v.Get("next_review")}
	u := carepath.AuthorizationUpdate{End: &row.ExtendEnd, NextReview: &row.ExtendReview}
	units, err := strconv.Atoi(strings.TrimSpace(row.ExtendUnits))
	if err != nil {
		row.ExtendErr, row.ExtendField = "Please give the units approved as a whole number.", "extend-units-"+id
		s.renderAuthorizationList(w, r, http.StatusBadRequest, authorizationForm{Level: "iop", Unit: "day"}, nil, &row, nil)
		return
	}
	u.Units = &units
	_, err = s.Authorizations.UpdateAuthorization(r.Context(), id, u)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+r.PathValue("id")+"/episodes/"+r.PathValue("episode")+"/authorizations", http.StatusSeeOther)
	case isInvalid(err):
		fe := carepath.ErrorFields(err)
		row.ExtendErr, row.ExtendField = carepath.ErrorMessage(err), "extend-units-"+id
		if len(fe) > 0 {
			row.ExtendErr = fe[0].Message
			switch fe[0].Field {
			case "end":
				row.ExtendField = "extend-end-" + id
			case "next_review":
				row.ExtendField = "extend-review-" + id
			}
		}
		s.renderAuthorizationList(w, r, http.StatusBadRequest, authorizationForm{Level: "iop", Unit: "day"}, nil, &row, nil)
	default:
		s.fail(w, r, "extend authorization", err, episodeErrors)
	}
}
