package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// clinicianAvailabilityUpdate records a clinician's availability and caseload limit.
func (s *Server) clinicianAvailabilityUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("id")
	_ = r.ParseForm()
	slots := r.PostForm["slot"]
	maxText := strings.TrimSpace(r.PostForm.Get("max_clients"))
	v := s.clinicianAvailabilityView(r, who, id, slots, maxText)
	max, err := strconv.Atoi(maxText)
	if err != nil {
		v.Errors["avail-max-clients"] = "Please give the most clients as a whole number, e.g. 12."
	} else {
		_, err = s.Availability.SetClinicianAvailability(r.Context(), carepath.ClinicianAvailability{StaffID: id, Slots: slots, MaxClients: max})
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/admin/staff/"+id+"/availability?saved=1", http.StatusSeeOther)
			return
		case isInvalid(err):
			for _, f := range carepath.ErrorFields(err) {
				if f.Field == "max_clients" {
					v.Errors["avail-max-clients"] = f.Message
				} else {
					v.Errors["avail-mon-07"] = "Some hours could not be read. Please tick the hours again."
				}
			}
		default:
			s.fail(w, r, "save clinician availability", err, pageErrors)
			return
		}
	}
	for _, id := range []string{"avail-max-clients", "avail-mon-07"} {
		if m, ok := v.Errors[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, http.StatusBadRequest, "availability", v)
}
