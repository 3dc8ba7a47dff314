package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// programListView is the view model of the programs list.
type programListView struct {
	page
	Who      signedIn
	Programs []*carepath.Program
	Problem  string
}

// programList shows the clinic's programs, each with a link to its census.
func (s *Server) programList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := programListView{page: page{Title: "Programs"}, Who: who}
	list, err := s.Programs.FindPrograms(r.Context())
	status, problem, ok := s.failOrShow(w, r, "program list", err, programListErrors, http.StatusInternalServerError)
	if !ok {
		return
	}
	if err == nil {
		v.Programs = list
	}
	v.Problem = problem
	s.render(w, r, status, "programs", v)
}
