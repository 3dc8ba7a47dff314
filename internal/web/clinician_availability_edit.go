package web

import (
	"net/http"
	"strconv"
)

// clinicianAvailabilityEdit shows a clinician's availability grid and caseload limit.
func (s *Server) clinicianAvailabilityEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	a, err := s.Availability.FindClinicianAvailability(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "clinician availability", err, pageErrors)
		return
	}
	v := s.clinicianAvailabilityView(r, who, a.StaffID, a.Slots, strconv.Itoa(a.MaxClients))
	v.Set, v.Saved = a.Set, r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "availability", v)
}
