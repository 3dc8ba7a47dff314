package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// groupList lists every program's groups: when they meet (in the program's zone), who runs
// them, how many are on the roster today against the cap, with their roster, week and edit
// pages.
func (s *Server) groupList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := groupListView{page: page{Title: "Groups"}, Who: who, CanCreate: access.Allowed(who.Role, access.Group, access.Create)}
	if r.URL.Query().Get("created") == "1" {
		v.Notice = "The group was created."
	}
	programs, err := s.Programs.FindPrograms(r.Context())
	if status, problem, ok := s.failOrShow(w, r, "group list", err, groupErrors, http.StatusInternalServerError); !ok {
		return
	} else if problem != "" {
		v.Problem = problem
		s.render(w, r, status, "groups", v)
		return
	}
	_, staff := s.staffDirectory(r)
	for _, p := range programs {
		groups, err := s.Groups.FindGroups(r.Context(), p.ID)
		if err != nil {
			s.Log.Error("group list", "err", err)
			v.Problem = "Some groups could not be read just now. Please reload the page in a minute."
			continue
		}
		loc := p.Location()
		today := time.Now().In(loc).Format(carepath.DateLayout)
		for _, g := range groups {
			names := make([]string, len(g.FacilitatorIDs))
			for i, id := range g.FacilitatorIDs {
				names[i] = cmp.Or(staff[id], "Staff "+shortID(id))
			}
			v.Rows = append(v.Rows, groupRow{Group: g, Program: p.Name, When: groupWhen(g, loc), Facilitators: strings.Join(names, ", "),
				Members: len(membersOn(g, today)), Cap: groupCap(g), Ended: g.EndDate != "" && g.EndDate < today})
		}
	}
	slices.SortStableFunc(v.Rows, func(a, b groupRow) int {
		if a.Ended != b.Ended {
			if a.Ended {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Program, b.Program), cmp.Compare(a.Group.Name, b.Group.Name))
	})
	s.render(w, r, http.StatusOK, "groups", v)
}
