package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

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

// censusShow lists a program's open episodes that the staff member may see, by admission date,
// naming each client.
func (s *Server) censusShow(w http.ResponseWriter, r *http.Request, who signedIn) {
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

// CanManageEpisodes tells the census whether to offer the transfer and discharge forms.
func (v censusView) CanManageEpisodes() bool {
	return access.Allowed(v.Who.Role, access.Episode, access.Create)
}
