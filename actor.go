package carepath

import "context"

// Role is what a person may do in carepath.
type Role string

// The roles. RolePublic is an anonymous visitor of the public decision aid; RoleSystem is the
// command line run by whoever operates the server.
const (
	RolePublic      Role = "public"
	RoleClient      Role = "client"
	RoleFrontDesk   Role = "front_desk"
	RoleClinician   Role = "clinician"
	RoleCaseManager Role = "case_manager"
	RoleAdmin       Role = "admin"
	RoleReviewer    Role = "reviewer"
	RoleSystem      Role = "system"
)

// Actor is who is acting: a staff member, a client, an anonymous visitor or the command line.
// Remote is where the request came from (an IP address, or "cli").
type Actor struct {
	ID     string
	Role   Role
	Remote string
	// Party is the outside party an outside party's API token reads records for (see
	// Outside). A payer reviewer's party is their organization, which the store reads.
	Party OutsideParty
	// Reviews are the authorizations a payer reviewer is assigned to (their client and dates),
	// which the store reads on every call of a reviewer: the reviewer's row rule
	// (access.CanSeeClient, access.ReviewerSeesDate).
	Reviews []ReviewGrant
}

// ReviewGrant is one authorization a payer reviewer is assigned to: its client and its first
// and last authorized dates (YYYY-MM-DD).
type ReviewGrant struct {
	AuthorizationID string
	ClientID        string
	From, To        string
}

// Outside reports whether the actor reads records for someone outside the clinic, and so
// receives them only through the disclosure gate (DisclosureService), and changes nothing: a
// payer reviewer (for their organization, for payment) or an outside party's API token.
func (a Actor) Outside() bool { return a.Role == RoleReviewer || !a.Party.IsZero() }

type actorKey struct{}

// NewContext returns a context that carries actor.
func NewContext(ctx context.Context, actor Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor ctx carries, and false when it carries none.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}
