package access

import (
	"slices"

	"github.com/carepath/carepath"
)

// The per-row rules. Allowed says whether a role may do an action to a type of record at all;
// these say which records of that type, once it may. The store applies them to every row it
// returns or changes (and in SQL, where a list is filtered in the query: ScopeOf says how);
// the pages apply them to decide what to offer.

// ClientScope is which clients a role sees, once the policy lets it read clients.
type ClientScope int

// The client scopes.
const (
	NoClients   ClientScope = iota // reviewers, the public, clients
	EveryClient                    // admin, the command line, the front desk
	// AsPrimaryClinician: a clinician sees the clients whose primary clinician they are.
	AsPrimaryClinician
	// AsCaseManager: a case manager sees the clients whose case manager they are.
	AsCaseManager
	// AsAssignedReviewer: a payer reviewer sees the clients of the authorizations assigned to
	// them (carepath.Actor.Reviews), and of those only the dates the authorizations cover.
	AsAssignedReviewer
)

// ScopeOf returns the clients role sees: the care-team rule.
func ScopeOf(role carepath.Role) ClientScope {
	switch role {
	case carepath.RoleAdmin, carepath.RoleSystem, carepath.RoleFrontDesk:
		return EveryClient
	case carepath.RoleClinician:
		return AsPrimaryClinician
	case carepath.RoleCaseManager:
		return AsCaseManager
	case carepath.RoleReviewer:
		return AsAssignedReviewer
	}
	return NoClients
}

// SeesEveryClient reports whether role sees every client, and so every occurrence of the
// schedule with its whole roster: admin, the command line and the front desk (which
// schedules).
func SeesEveryClient(role carepath.Role) bool { return ScopeOf(role) == EveryClient }

// CanSeeClient is the care-team rule for one client: a clinician sees only the clients whose
// primary clinician they are, a case manager only the clients whose case manager they are;
// admin, the command line and the front desk see every client; a payer reviewer sees the
// clients of the authorizations assigned to them; any other role sees none.
func CanSeeClient(actor carepath.Actor, c *carepath.Client) bool {
	switch ScopeOf(actor.Role) {
	case EveryClient:
		return true
	case AsPrimaryClinician:
		return actor.ID != "" && c.PrimaryClinicianID == actor.ID
	case AsCaseManager:
		return actor.ID != "" && c.CaseManagerID == actor.ID
	case AsAssignedReviewer:
		return actor.ID != "" && slices.ContainsFunc(actor.Reviews, func(g carepath.ReviewGrant) bool { return g.ClientID == c.ID })
	}
	return false
}

// ReviewerSeesDate is the reviewer's date rule: a payer reviewer sees, of a client's dated
// records (measures, attendance, program dose, continued-stay reviews), only those dated
// (YYYY-MM-DD) within an authorization of that client assigned to them. Any other actor the
// policy lets read the record sees every date.
func ReviewerSeesDate(actor carepath.Actor, clientID, date string) bool {
	if actor.Role != carepath.RoleReviewer {
		return true
	}
	return actor.ID != "" && slices.ContainsFunc(actor.Reviews, func(g carepath.ReviewGrant) bool {
		return g.ClientID == clientID && g.From <= date && date <= g.To
	})
}

// SeesAuthorization is the per-row rule of an authorization: a payer reviewer sees only the
// authorizations assigned to them (reviewerID); whoever else may read authorizations sees
// those of the clients they see (CanSeeClient).
func SeesAuthorization(actor carepath.Actor, reviewerID string) bool {
	return actor.Role != carepath.RoleReviewer || (actor.ID != "" && actor.ID == reviewerID)
}

// Facilitates reports whether actor is one of a group's facilitators (facilitatorIDs).
func Facilitates(actor carepath.Actor, facilitatorIDs []string) bool {
	return actor.ID != "" && slices.Contains(facilitatorIDs, actor.ID)
}

// SeesWholeRoster is the roster rule: whoever sees every client (admin, the command line, the
// front desk, which schedules) and the group's own facilitators see every member of a group
// facilitated by facilitatorIDs; anyone else sees only the members on their care team
// (CanSeeClient). Every member shown is audited as shown.
func SeesWholeRoster(actor carepath.Actor, facilitatorIDs []string) bool {
	return SeesEveryClient(actor.Role) || Facilitates(actor, facilitatorIDs)
}

// ReadsAsFacilitator reports whether actor may read the chart of a client outside their care
// team because they facilitate a group the client is on now (facilitates): a clinician or case
// manager who runs the client's group reads the chart (reads: the call only reads), as the
// care team does. Writing in the chart stays with the care team; a group note about the
// member goes through the group session's own rule.
func ReadsAsFacilitator(role carepath.Role, facilitates, reads bool) bool {
	return reads && facilitates && (role == carepath.RoleClinician || role == carepath.RoleCaseManager)
}

// MayChangeCareTeam reports whether actor may change client c's care team (its primary
// clinician and case manager), once their role may update clients: only whoever Oversees and
// the client's current primary clinician. The front desk keeps demographics but never hands a
// chart to anyone; a case manager does not choose the clinician.
func MayChangeCareTeam(actor carepath.Actor, c *carepath.Client) bool {
	return Oversees(actor.Role) || (actor.Role == carepath.RoleClinician && actor.ID != "" && actor.ID == c.PrimaryClinicianID)
}

// MustUseTOTP reports whether a staff member with role must sign in with a second factor (an
// authenticator app) and so may use no staff page before setting one up: an admin, who
// manages accounts, the audit log and every client.
func MustUseTOTP(role carepath.Role) bool { return role == carepath.RoleAdmin }

// Oversees reports whether role oversees every record it may reach, beyond its own: an admin
// and the command line see every co-sign request and every attendee of a note, and manage
// anyone's account state and calendar feed.
func Oversees(role carepath.Role) bool {
	return role == carepath.RoleAdmin || role == carepath.RoleSystem
}

// SelfOrOverseer reports whether actor may act on staff member staffID's own things (the
// state of their account, their calendar feed): they themselves, or someone who Oversees.
func SelfOrOverseer(actor carepath.Actor, staffID string) bool {
	return actor.ID == staffID || Oversees(actor.Role)
}

// CosignRequired reports whether every note written by role needs a supervisor's
// co-signature: a case manager's does.
func CosignRequired(role carepath.Role) bool { return role == carepath.RoleCaseManager }

// MaySupervise reports whether a staff member with role may carry the supervisor flag, and so
// be named a note's co-signer: a clinician or an admin (the roles that co-sign). A named
// co-signer reads the note's every part, so naming one is limited to the staff an admin has
// marked as supervisors.
func MaySupervise(role carepath.Role) bool {
	return role == carepath.RoleClinician || role == carepath.RoleAdmin
}

// MayBeNamedCosigner reports whether a staff member may be named the co-signer of a note
// written by authorID: an active supervisor (MaySupervise, flagged by an admin) who is not its
// author.
func MayBeNamedCosigner(st *carepath.Staff, authorID string) bool {
	return st != nil && !st.Disabled && st.Supervisor && MaySupervise(st.Role) && st.ID != authorID
}

// MayCosign reports whether actor may co-sign note n, once their role may co-sign at all: not
// its author, and, when the note names a co-signer, only that co-signer or an admin.
func MayCosign(actor carepath.Actor, n *carepath.Note) bool {
	return actor.ID != n.AuthorID && (n.CosignerID == "" || n.CosignerID == actor.ID || actor.Role == carepath.RoleAdmin)
}

// SeesWholeNote reports whether actor sees every part of note n, every attendee of a group
// note among them: its author, its named co-signer, and whoever Oversees. Anyone else sees the
// attendees on their care team.
func SeesWholeNote(actor carepath.Actor, n *carepath.Note) bool {
	switch {
	case Oversees(actor.Role):
		return true
	case actor.ID == "":
		return false
	}
	return actor.ID == n.AuthorID || actor.ID == n.CosignerID
}

// CareTeamOnly reports whether every call about a record of type rec is limited to the
// clients the actor may see (CanSeeClient): the chart's own records. The chokepoint uses it to
// record a refused call as refused even when its input was also invalid. Notes (authors and
// co-signers), groups and sessions (facilitators, the schedule scope), attendance and dose
// have rules of their own, checked where the records are read.
func CareTeamOnly(rec Record) bool {
	switch rec {
	case Client, Consent, Episode, Assessment, Availability, TreatmentPlan, Measure, MeasureLink, Review, Disclosure, Diagnosis, Coverage, Authorization, Certification, Estimate:
		return true
	}
	return false
}

// SeesScreeningAnswers reports whether role sees the answers and the results of screening
// questionnaires (an intake request's profile and suggested level, a chart's assessments and
// measures): everyone who may read them but the front desk, which schedules and keeps contact
// details and needs neither. The crisis flag of an intake request is not withheld: whoever
// answers the queue must call a person in crisis first.
func SeesScreeningAnswers(role carepath.Role) bool { return role != carepath.RoleFrontDesk }

// MayBeOnCall reports whether a staff member with role may be on call for a program's safety
// alerts: an admin, or a clinician or case manager who works in the program (inProgram). The
// person paged must be able to act on what they are paged about; front desk and reviewers
// cannot.
func MayBeOnCall(role carepath.Role, inProgram bool) bool {
	switch role {
	case carepath.RoleAdmin:
		return true
	case carepath.RoleClinician, carepath.RoleCaseManager:
		return inProgram
	}
	return false
}

// SeesSafetyAlert is the per-row rule of a safety alert: those who see the client (or, for an
// intake request, the intake queue) and anyone paged about the alert see and acknowledge it,
// so the on-call clinician can act on a client outside their own caseload.
func SeesSafetyAlert(seesSubject, paged bool) bool { return seesSubject || paged }
