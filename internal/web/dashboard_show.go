package web

import (
	"net/http"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// dashboardShow shows who is signed in and the intake queue: requests flagged for same-day
// review first, then the newest. The queue is read as the staff member, so the policy
// decides and the reads are audited under their id.
func (s *Server) dashboardShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := staffHomeView{page: page{Title: "Staff home"}, Who: who, Dashboard: s.dashboard(r, who)}
	list, err := s.Intakes.FindIntakes(r.Context(), carepath.IntakeFilter{})
	switch httpserver.Status(err) { // the queue is a section of the page: a failure never fails the page
	case http.StatusOK:
		slices.SortStableFunc(list, func(a, b *carepath.Intake) int {
			switch {
			case a.Crisis == b.Crisis:
				return 0
			case a.Crisis:
				return -1
			}
			return 1
		})
		v.Intakes = list
		for _, in := range list {
			if in.Crisis {
				v.Flagged++
			}
		}
	case http.StatusForbidden:
		v.Denied = true
	default:
		s.Log.Error("intake queue", "err", err)
		v.Problem = "The intake queue could not be read just now. Please reload the page in a minute."
	}
	s.render(w, r, http.StatusOK, "staff_home", v)
}
