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

// rosterRow is one stay on a group's roster.
type rosterRow struct {
	ClientID, Name, From, Until string
	Index                       int
}

// groupShowView is the view model of a group's page: its details, today's roster with a
// way to take each client off it from a date, the form that adds a client, and the roster's
// history.
type groupShowView struct {
	page
	Who          signedIn
	Group        *carepath.Group
	Program      *carepath.Program
	When         string
	Facilitators string
	Cap          int
	Today        string
	Current      []rosterRow
	Past         []rosterRow
	Candidates   []fieldOption // clients of the program who may join
	CanChange    bool
	Notice       string
	// What was typed and what was wrong: the add form and the end forms (by client id).
	AddClient, AddFrom string
	AddErrors          map[string]string
	EndOn              map[string]string
	EndErrors          map[string]string
	Problem            string   // a refusal the forms cannot place (a full group)
	Clashes            []string // double bookings, in words
	Full               bool     // the group is at its capacity
	Refused            bool     // an add was just refused for the capacity
	MayOverride        bool     // an admin may add beyond the capacity, with a reason
	OverrideReason     string
}

// groupPage reads a group and builds its page; false when it answered an error page.
func (s *Server) groupPage(w http.ResponseWriter, r *http.Request, who signedIn) (groupShowView, bool) {
	g, err := s.Groups.FindGroupByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "group", err, groupErrors)
		return groupShowView{}, false
	}
	p, ok := s.programOf(w, r, g.ProgramID)
	if !ok {
		return groupShowView{}, false
	}
	loc := p.Location()
	v := groupShowView{page: page{Title: g.Name}, Who: who, Group: g, Program: p, When: groupWhen(g, loc), Cap: groupCap(g),
		Today: time.Now().In(loc).Format(carepath.DateLayout), CanChange: access.Allowed(who.Role, access.Group, access.Update),
		AddErrors: map[string]string{}, EndOn: map[string]string{}, EndErrors: map[string]string{},
		MayOverride: who.Role == carepath.RoleAdmin}
	v.AddFrom = v.Today
	_, staff := s.staffDirectory(r)
	var fac []string
	for _, id := range g.FacilitatorIDs {
		fac = append(fac, cmp.Or(staff[id], "Staff "+shortID(id)))
	}
	v.Facilitators = strings.Join(fac, ", ")
	var ids []string
	for _, m := range g.Members {
		ids = append(ids, m.ClientID)
	}
	census, _ := s.Episodes.Census(r.Context(), p.ID)
	for _, c := range census {
		ids = append(ids, c.ClientID)
	}
	names := s.rosterNames(r, ids)
	onNow := map[string]bool{}
	for i, m := range g.Members {
		row := rosterRow{ClientID: m.ClientID, Name: names[m.ClientID], From: m.From, Until: m.Until, Index: i}
		if m.From <= v.Today && (m.Until == "" || m.Until > v.Today) || m.From > v.Today {
			v.Current = append(v.Current, row)
			onNow[m.ClientID] = true
		} else {
			v.Past = append(v.Past, row)
		}
	}
	slices.SortFunc(v.Current, func(a, b rosterRow) int { return cmp.Compare(a.Name, b.Name) })
	v.Full = v.Cap > 0 && len(membersOn(g, v.Today)) >= v.Cap
	v.Candidates = append(v.Candidates, fieldOption{Value: "", Label: "Choose a client"})
	for _, c := range census {
		if onNow[c.ClientID] || c.Level != p.Level {
			continue
		}
		v.Candidates = append(v.Candidates, fieldOption{Value: c.ClientID, Label: names[c.ClientID]})
	}
	slices.SortFunc(v.Candidates[1:], func(a, b fieldOption) int { return cmp.Compare(a.Label, b.Label) })
	switch {
	case r.URL.Query().Get("created") == "1":
		v.Notice = "The group was created. Add its clients below."
	case r.URL.Query().Get("saved") == "1":
		v.Notice = "Saved."
	case r.URL.Query().Get("added") == "1":
		v.Notice = "Added to the roster."
	case r.URL.Query().Get("ended") == "1":
		v.Notice = "Taken off the roster from the date given."
	}
	return v, true
}

// selectCandidate marks the chosen client in the add form's list.
func (v *groupShowView) selectCandidate(id string) {
	v.AddClient = id
	for i := range v.Candidates {
		v.Candidates[i].Selected = v.Candidates[i].Value == id && id != ""
	}
}
