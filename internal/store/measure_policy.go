package store

import "github.com/carepath/carepath"

// init adds the policy entries of measurement-based care to the one policy table (kept here,
// next to the service, so that policy.go's other entries stay untouched).
//
// Measures and their alerts are clinical: clinicians and case managers on the care team
// (canSeeClient decides, row by row), admin and the command line enter, read and schedule
// measures, send answer links, and list and acknowledge alerts. Front desk and reviewers may do
// none of it. Opening and answering a link is open to whoever knocks: the token decides.
func init() {
	care := []carepath.Role{carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem}
	policy[recMeasure] = map[action][]carepath.Role{
		actCreate: care, actList: care, actUpdate: care,
	}
	policy[recMeasureAlert] = map[action][]carepath.Role{
		actList: care, actAcknowledge: care,
	}
	policy[recMeasureLink] = map[action][]carepath.Role{
		actCreate: care, actOpen: anyRole, actSubmit: anyRole,
	}
}
