package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// notePath is the address of a note's page.
func notePath(id string) string { return "/staff/notes/" + id }

// kindNames are the plain names of the note kinds.
var kindNames = map[carepath.NoteKind]string{
	carepath.NoteIndividual: "Individual session",
	carepath.NoteGroup:      "Group session",
	carepath.NoteFamily:     "Family session",
	carepath.NoteMedication: "Medication management",
}

// formatNames are the plain names of the note formats.
var formatNames = map[carepath.NoteFormat]string{
	carepath.FormatDAP:  "DAP (Data, Assessment, Plan)",
	carepath.FormatSOAP: "SOAP (Subjective, Objective, Assessment, Plan)",
	carepath.FormatBIRP: "BIRP (Behavior, Intervention, Response, Plan)",
}

// clientName is a client's name as the note pages show it.
func clientName(c *carepath.Client) string {
	if c.PreferredName != "" {
		return c.PreferredName + " " + c.FamilyName
	}
	return c.GivenName + " " + c.FamilyName
}

// clientNames names the clients ids the actor may name (their care team, and the members of
// the groups they facilitate), in one audited call; the others are left out.
func (s *Server) clientNames(r *http.Request, ids ...string) map[string]string {
	out := map[string]string{}
	found, err := s.Clients.FindClientNames(r.Context(), ids)
	if err != nil && httpserver.Status(err) != http.StatusForbidden {
		s.Log.Error("client names", "err", err)
	}
	for id, n := range found {
		name := n.GivenName
		if n.PreferredName != "" {
			name = n.PreferredName
		}
		out[id] = name + " " + n.FamilyName
	}
	return out
}

// objectiveChoice is one plan objective a note may link.
type objectiveChoice struct {
	ID, ElemID, Label string
	Checked           bool
}

// objectiveChoices lists the objectives of the client's current plan (the latest signed
// version, else the draft), checking those in linked. Objectives linked from other versions
// are kept, labelled as such.
func (s *Server) objectiveChoices(r *http.Request, clientID string, linked []string) []objectiveChoice {
	plans, err := s.Plans.FindPlans(r.Context(), clientID)
	if err != nil || len(plans) == 0 {
		return nil
	}
	p := plans[0]
	for _, q := range plans {
		if q.Status == carepath.PlanSigned {
			p = q
			break
		}
	}
	checked := map[string]bool{}
	for _, id := range linked {
		checked[id] = true
	}
	var out []objectiveChoice
	for i, pr := range p.Problems {
		for j, g := range pr.Goals {
			for k, o := range g.Objectives {
				id := carepath.ObjectiveID(p.ID, i+1, j+1, k+1)
				out = append(out, objectiveChoice{ID: id, Label: o.Statement, Checked: checked[id]})
				delete(checked, id)
			}
		}
	}
	label := s.objectiveLabels(r)
	for _, id := range linked {
		if checked[id] {
			out = append(out, objectiveChoice{ID: id, Label: label(id) + " (an earlier plan version)", Checked: true})
		}
	}
	for i := range out {
		out[i].ElemID = "note-obj-" + strconv.Itoa(i)
	}
	return out
}

// objectiveLabels returns a function giving the statement of an objective id, or a plain
// placeholder when it cannot be read. It reads each plan once, however many of its objectives
// are asked for.
func (s *Server) objectiveLabels(r *http.Request) func(id string) string {
	plans := map[string]*carepath.Plan{}
	return func(id string) string {
		planID, _, ok := carepath.ParseObjectiveID(id)
		if !ok {
			return "An objective of the treatment plan"
		}
		p, read := plans[planID]
		if !read {
			var err error
			if p, err = s.Plans.FindPlanByID(r.Context(), planID); err != nil {
				p = nil
			}
			plans[planID] = p
		}
		if p != nil {
			if o, ok := p.Objective(id); ok {
				return o.Statement
			}
		}
		return "An objective of the treatment plan"
	}
}
