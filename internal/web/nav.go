package web

import (
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// navItem is one link of the staff menu.
type navItem struct {
	Href, Label string
	Current     bool
}

// staffNav is the menu at the top of every staff page: who is signed in, the pages their role
// may open, and how long the sign-in lasts without a request (for the idle warning).
type staffNav struct {
	Name        string
	Role        string
	Items       []navItem
	IdleSeconds int
	// DemoNoTOTP: a demo admin working without an authenticator app (serve --demo); the page
	// says so in a banner.
	DemoNoTOTP bool
	role       carepath.Role
}

// May reports whether the signed-in role may do act to records of type rec (access.Allowed),
// for a template deciding whether to offer a link: {{if $.Nav.May "note" "list"}}.
func (n *staffNav) May(rec, act string) bool {
	return n != nil && access.Allowed(n.role, access.Record(rec), access.Action(act))
}

// navEntry is one page the menu may offer and the permission the role needs for it; an empty
// record means every staff role.
type navEntry struct {
	href, label string
	rec         access.Record
	act         access.Action
}

// navEntries are the staff menu's pages in order.
var navEntries = []navEntry{
	{"/staff", "Today", "", ""},
	{"/staff/clients", "Clients", access.Client, access.List},
	{"/staff/intakes", "Intake queue", access.Intake, access.List},
	{"/staff/programs", "Programs", access.Program, access.List},
	{"/staff/groups", "Groups", access.Group, access.List},
	{"/staff/sessions/new", "Book a session", access.TherapySession, access.Create},
	{"/staff/cosign", "Co-sign", access.Note, access.Cosign},
	{"/staff/outcomes", "Outcomes", access.OutcomeReport, access.Read},
	{"/staff/claim-batches", "Claims", access.Charge, access.Create},
	{"/staff/payers", "Payers", access.Payer, access.Update},
	{"/staff/admin/staff", "Staff", access.Staff, access.Update},
	{"/staff/audit", "Access log", access.AuditLog, access.List},
	{"/staff/account", "My account", "", ""},
}

// roleNames are the roles as the menu names them.
var roleNames = map[carepath.Role]string{
	carepath.RoleAdmin:       "admin",
	carepath.RoleClinician:   "clinician",
	carepath.RoleCaseManager: "case manager",
	carepath.RoleFrontDesk:   "front desk",
	carepath.RoleReviewer:    "payer reviewer",
}

// mayOpen reports whether role may open the page of e.
func (e navEntry) mayOpen(role carepath.Role) bool {
	return e.rec == "" || access.Allowed(role, e.rec, e.act)
}

// navFor builds the menu of who on the page at path: only the pages the access policy lets
// their role open, the one path is under marked current.
func (s *Server) navFor(who signedIn, path string) *staffNav {
	n := &staffNav{Name: who.Name, Role: roleNames[who.Role], IdleSeconds: int(s.signInIdle().Seconds()), role: who.Role}
	if n.Role == "" {
		n.Role = string(who.Role)
	}
	current := ""
	for _, e := range navEntries {
		if e.mayOpen(who.Role) && (path == e.href || strings.HasPrefix(path, e.href+"/")) && len(e.href) > len(current) {
			current = e.href
		}
	}
	for _, e := range navEntries {
		if e.mayOpen(who.Role) {
			n.Items = append(n.Items, navItem{Href: e.href, Label: e.label, Current: e.href == current})
		}
	}
	return n
}
