package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// certificationCreate records the posted physician certification on the episode and goes back
// to its page, or shows the page again with what was typed kept and each problem named next
// to its field (400).
func (s *Server) certificationCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	f := certificationForm{Date: v.Get("date"), Kind: v.Get("kind"), PhysicianName: v.Get("physician_name"),
		PhysicianNPI: v.Get("physician_npi"), HoursPerWeek: v.Get("hours_per_week"), Plan: v.Get("plan"), Errors: map[string]string{}}
	hours, err := strconv.Atoi(strings.TrimSpace(f.HoursPerWeek))
	if err != nil {
		f.Errors["cert-hours"] = "Please give the hours a week as a whole number, from 1 to 40 (an IOP certification states 9 to 19)."
	}
	if f.Kind != "initial" && f.Kind != "recertification" {
		f.Errors["cert-kind"] = "Please choose an initial certification or a recertification."
	}
	if len(f.Errors) == 0 {
		_, err = s.Certifications.AddCertification(r.Context(), r.PathValue("episode"), carepath.CertificationInput{Date: f.Date,
			Recertification: f.Kind == "recertification", PhysicianName: f.PhysicianName, PhysicianNPI: f.PhysicianNPI,
			HoursPerWeek: hours, Plan: f.Plan})
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+r.PathValue("id")+"/episodes/"+r.PathValue("episode")+"/authorizations#h-certification", http.StatusSeeOther)
			return
		case !isInvalid(err):
			s.fail(w, r, "add certification", err, certificationErrors)
			return
		}
		for _, fe := range carepath.ErrorFields(err) {
			for _, cf := range certificationFields {
				if cf.path == fe.Field {
					if _, dup := f.Errors[cf.id]; !dup {
						f.Errors[cf.id] = fe.Message
					}
				}
			}
		}
	}
	s.renderAuthorizationList(w, r, http.StatusBadRequest, authorizationForm{Level: "iop", Unit: "day"}, nil, nil, &f)
}
