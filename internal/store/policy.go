package store

import (
	"slices"

	"github.com/carepath/carepath"
)

// recordType is the kind of record an audit row and a policy rule are about.
type recordType string

// The record types.
const (
	recIntake recordType = "intake"
)

// action is what a call does to a record type. The audit log names a call
// "<record type>.<action>", e.g. "intake.create".
type action string

// The actions.
const (
	actCreate action = "create"
	actList   action = "list"
)

// policy is the access policy as data: for each record type and action, the roles that may
// do it. Anything not listed is denied.
//
// Intake requests: the public decision aid creates them (with consent); staff may also create
// them (front desk taking a phone call, demo data from the command line). Only staff and the
// command line may see them; a public visitor never reads one back, not even their own.
var policy = map[recordType]map[action][]carepath.Role{
	recIntake: {
		actCreate: {carepath.RolePublic, carepath.RoleFrontDesk, carepath.RoleCaseManager,
			carepath.RoleClinician, carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
}

// allowed reports whether role may do act to records of type rec. It is the one policy check.
func allowed(role carepath.Role, rec recordType, act action) bool {
	return slices.Contains(policy[rec][act], role)
}
