package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// clientEditView is the view model of the new-client and edit-client form.
type clientEditView struct {
	page
	Who          signedIn
	Client       *carepath.Client // the stored client; nil on the new-client form
	Action       string           // where the form posts
	Version      int              // the version the edit is based on
	Groups       []fieldGroup
	Summary      []errorLink
	StaffProblem string
	Stale        bool          // someone else changed the client since the form was opened
	Conflict     []conflictRow // then: the fields where what is stored differs from what was typed
	Problem      string        // the save failed for a reason that is not the input's
}

// clientEditView builds the form's view model.
func (s *Server) newClientEditView(r *http.Request, who signedIn, c *carepath.Client, f clientForm, errs map[string]string) clientEditView {
	staff := s.staffChoices(r)
	v := clientEditView{page: page{Title: "New client"}, Who: who, Client: c, Action: "/staff/clients/new",
		Groups: clientGroupsView(f, errs, staff, allClientPaths()), StaffProblem: staff.Problem,
		Summary: clientSummary(errs, allClientPaths(), clientFieldID("given_name"))}
	if c != nil {
		v.Title, v.Action, v.Version = "Edit client", "/staff/clients/"+c.ID+"/edit", c.Version
	}
	return v
}

// DescribedBy is the value of the input's aria-describedby: its hint and its error.
func (f formField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// staffChoices are the staff members the care-team selects offer.
type staffChoices struct {
	all     []*carepath.Staff
	Problem string // the directory could not be read
}

// staffChoices reads the clinic's directory for the care-team selects, as the signed-in staff
// member. A directory that cannot be read leaves the selects with "None" and the current values.
func (s *Server) staffChoices(r *http.Request) staffChoices {
	if s.Staff == nil {
		return staffChoices{Problem: "The staff directory is not available; the care team cannot be chosen here."}
	}
	list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		if httpserver.Status(err) != http.StatusForbidden {
			s.Log.Error("staff directory", "err", err)
		}
		return staffChoices{Problem: "The staff directory could not be read just now; the care team cannot be changed here."}
	}
	slices.SortFunc(list, func(a, b *carepath.Staff) int { return strings.Compare(a.Name, b.Name) })
	return staffChoices{all: list}
}

// options are the choices for a care-team select: nobody, the active staff members who hold
// one of roles, and the current value when it is none of those.
func (sc staffChoices) options(current string, roles ...carepath.Role) []fieldOption {
	opts := []fieldOption{{Value: "", Label: "None", Selected: current == ""}}
	found := current == ""
	for _, st := range sc.all {
		if st.Disabled || !slices.Contains(roles, st.Role) {
			continue
		}
		opts = append(opts, fieldOption{Value: st.ID, Label: st.Name, Selected: st.ID == current})
		found = found || st.ID == current
	}
	if !found {
		label := "A staff member not listed here"
		for _, st := range sc.all {
			if st.ID == current {
				label = st.Name + " (" + roleWords(st.Role) + ")"
			}
		}
		opts = append(opts, fieldOption{Value: current, Label: label, Selected: true})
	}
	return opts
}

// name returns the name of the staff member with id, or "" when the directory does not know it.
func (sc staffChoices) name(id string) string {
	for _, st := range sc.all {
		if st.ID == id {
			return st.Name
		}
	}
	return ""
}

// roleWords is a role as a person reads it.
func roleWords(r carepath.Role) string { return strings.ReplaceAll(string(r), "_", " ") }

// clientGroupsView builds the fieldsets of a client form for the given paths, with what was
// typed and the errors by path.
func clientGroupsView(f clientForm, errs map[string]string, staff staffChoices, paths []string) []fieldGroup {
	var groups []fieldGroup
	for _, g := range clientGroups {
		fg := fieldGroup{Legend: g}
		for _, d := range clientFieldDefs {
			if d.Group != g || !slices.Contains(paths, d.Path) {
				continue
			}
			ff := formField{ID: clientFieldID(d.Path), Name: d.Path, Label: d.Label, Hint: d.Hint, Value: f[d.Path],
				Error: errs[d.Path], Type: d.Type, InputMode: d.InputMode, Required: d.Required}
			if ff.Type == "" {
				ff.Type = "text"
			}
			switch d.Path {
			case "primary_clinician_id":
				ff.Options = staff.options(f[d.Path], carepath.RoleClinician)
				ff.Hint = "Clinicians see only the clients on their care team."
			case "case_manager_id":
				ff.Options = staff.options(f[d.Path], carepath.RoleCaseManager, carepath.RoleClinician)
			case "email_consent":
				ff.Options = []fieldOption{{Value: "", Label: "No: nothing is emailed", Selected: f[d.Path] != "yes"},
					{Value: "yes", Label: "Yes: links may be emailed to this address", Selected: f[d.Path] == "yes"}}
			case "payer_sex":
				v := strings.ToUpper(f[d.Path])
				ff.Options = []fieldOption{{Value: "", Label: "Not recorded (claims send U, unknown)", Selected: v == ""},
					{Value: "F", Label: "F (female)", Selected: v == "F"}, {Value: "M", Label: "M (male)", Selected: v == "M"},
					{Value: "U", Label: "U (unknown)", Selected: v == "U"}}
				if v != "" && v != "F" && v != "M" && v != "U" {
					ff.Options = append(ff.Options, fieldOption{Value: f[d.Path], Label: f[d.Path] + " (not a value claims accept)", Selected: true})
				}
			}
			fg.Fields = append(fg.Fields, ff)
		}
		if len(fg.Fields) > 0 {
			groups = append(groups, fg)
		}
	}
	return groups
}

// clientSummary lists the errors in the order of the form, linking each to its field; errors
// about fields the form does not show link to fallback.
func clientSummary(errs map[string]string, paths []string, fallback string) []errorLink {
	var out []errorLink
	for _, p := range paths {
		if m, ok := errs[p]; ok {
			out = append(out, errorLink{clientFieldID(p), m})
		}
	}
	var rest []string
	for p := range errs {
		if !slices.Contains(paths, p) {
			rest = append(rest, p)
		}
	}
	slices.Sort(rest)
	for _, p := range rest {
		out = append(out, errorLink{fallback, errs[p]})
	}
	return out
}

// conflictRow is one field whose stored value differs from what was typed.
type conflictRow struct{ Label, Stored, Typed string }

// conflictRows compares the stored client with what was typed, field by field, naming care
// team members rather than showing their ids.
func conflictRows(stored *carepath.Client, typed clientForm, staff staffChoices) []conflictRow {
	now := clientFormOf(stored)
	var rows []conflictRow
	for _, d := range clientFieldDefs {
		a, b := now[d.Path], typed[d.Path]
		if a == b {
			continue
		}
		if d.Path == "primary_clinician_id" || d.Path == "case_manager_id" {
			a, b = staffLabel(staff, a), staffLabel(staff, b)
		}
		rows = append(rows, conflictRow{Label: d.Label, Stored: orDash(a), Typed: orDash(b)})
	}
	return rows
}

func staffLabel(staff staffChoices, id string) string {
	if id == "" {
		return ""
	}
	if n := staff.name(id); n != "" {
		return n
	}
	return "a staff member not listed"
}
