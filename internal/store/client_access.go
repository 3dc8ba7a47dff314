package store

import "github.com/carepath/carepath"

// canSeeClient is the row-level rule for clients, applied after the policy table allowed the
// actor's role: a clinician sees only the clients whose primary clinician they are, a case
// manager only the clients whose case manager they are; admin, the command line and front desk
// see every client; any other role sees none. Listing applies the same rule in SQL
// (clientScope), and the two must agree.
func canSeeClient(actor carepath.Actor, c *carepath.Client) bool {
	switch actor.Role {
	case carepath.RoleAdmin, carepath.RoleSystem, carepath.RoleFrontDesk:
		return true
	case carepath.RoleClinician:
		return actor.ID != "" && c.PrimaryClinicianID == actor.ID
	case carepath.RoleCaseManager:
		return actor.ID != "" && c.CaseManagerID == actor.ID
	}
	return false
}

// clientScope returns the column a list must match against the actor's id to show only the
// clients canSeeClient allows ("" when every client may be shown), and false when the actor
// may see no client at all.
func clientScope(actor carepath.Actor) (column string, ok bool) {
	switch actor.Role {
	case carepath.RoleAdmin, carepath.RoleSystem, carepath.RoleFrontDesk:
		return "", true
	case carepath.RoleClinician:
		return "primary_clinician_id", actor.ID != ""
	case carepath.RoleCaseManager:
		return "case_manager_id", actor.ID != ""
	}
	return "", false
}
