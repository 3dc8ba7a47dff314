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

// censusRow is one open episode on a program's census, with the client's name when the staff
// member may read it.
type censusRow struct {
	carepath.CensusEntry
	Name string
}

// censusView is the view model of a program's census.
type censusView struct {
	page
	Who     signedIn
	Program *carepath.Program
	Rows    []censusRow
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

// censusPage lists a program's open episodes that the staff member may see, by admission date,
// naming each client.
func (s *Server) censusPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	p, err := s.Programs.FindProgramByID(r.Context(), r.PathValue("id"))
	var entries []carepath.CensusEntry
	if err == nil {
		entries, err = s.Episodes.Census(r.Context(), p.ID)
	}
	if err != nil {
		s.fail(w, r, "census", err, censusErrors)
		return
	}
	v := censusView{page: page{Title: "Census: " + p.Name}, Who: who, Program: p}
	for _, e := range entries {
		row := censusRow{CensusEntry: e}
		if c, err := s.Clients.FindClientByID(r.Context(), e.ClientID); err == nil {
			row.Name = c.FamilyName + ", " + c.GivenName
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, http.StatusOK, "census", v)
}
