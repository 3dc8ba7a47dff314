package web

import (
	"net/http"
)

// dashboardShow is the staff home, "Today": the sessions the staff member runs today with one
// tap to attendance, their alerts, the notes awaiting their co-signature, their clients'
// measures due now, the intake queue's open requests counted as the queue lists them, and for
// a payer reviewer the authorizations assigned to them.
// Everything is read as the staff member, so the policy decides and the reads are audited
// under their id; each part fails on its own.
func (s *Server) dashboardShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	zone := s.viewerZone(r)
	v := staffHomeView{page: page{Title: "Today", Zone: zone}, Who: who, Dashboard: s.dashboard(r, who, zone), Today: s.today(r, who, zone),
		Intakes: s.countIntakes(r), Assigned: s.assigned(r, who), Notice: s.manager(r).PopString(r.Context(), sessHomeNotice)}
	s.render(w, r, http.StatusOK, "staff_home", v)
}
