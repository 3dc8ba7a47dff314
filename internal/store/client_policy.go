package store

import "github.com/carepath/carepath"

// recClient is the record type of clients.
const recClient recordType = "client"

// The access policy for clients, kept here until it is folded into the policy table of
// policy.go. Admin and the command line may do everything; front desk keeps demographics,
// contacts and coverage, so it creates, reads, lists and updates clients; clinicians and case
// managers read, list and update the clients on their care team (canSeeClient decides which);
// reviewers and the public may do nothing.
func init() {
	policy[recClient] = map[action][]carepath.Role{
		actCreate: {carepath.RoleFrontDesk, carepath.RoleAdmin, carepath.RoleSystem},
		actRead: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	}
}

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
