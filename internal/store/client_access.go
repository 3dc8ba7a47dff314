package store

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// clientScope returns the column a list must match against the actor's id to show only the
// clients access.CanSeeClient allows ("" when every client may be shown), and false when the
// actor may see no client at all: the care-team rule (access.ScopeOf) in SQL.
func clientScope(actor carepath.Actor) (column string, ok bool) {
	switch access.ScopeOf(actor.Role) {
	case access.EveryClient:
		return "", true
	case access.AsPrimaryClinician:
		return "primary_clinician_id", actor.ID != ""
	case access.AsCaseManager:
		return "case_manager_id", actor.ID != ""
	}
	return "", false
}
