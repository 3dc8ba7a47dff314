package access

import (
	"slices"

	"github.com/carepath/carepath"
)

// policy is the access policy as data: for each record type and action, the roles that may
// do it. Anything not listed is denied. docs/architecture.md explains how to add a record type.
//
// Intake requests: the public decision aid creates them (with consent); staff may also create
// them (front desk taking a phone call, demo data from the command line). Only staff and the
// command line may see them; a public visitor never reads one back, not even their own.
var policy = map[Record]map[Action][]carepath.Role{
	Intake: {
		Create: {carepath.RolePublic, carepath.RoleFrontDesk, carepath.RoleCaseManager,
			carepath.RoleClinician, carepath.RoleAdmin, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
		Read: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
		Convert: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
		// Marking a request contacted, closed or new again: the staff who work the queue.
		Update: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Staff accounts and API tokens: admin and the command line manage them; every staff role
	// may list colleagues (the clinic's directory: names and roles on charts and care teams).
	// Signing in (with a password or a token) is open to every actor, since the web layer asks
	// as whoever is knocking (RolePublic); the credentials themselves decide.
	Staff: {
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Read:      {carepath.RoleAdmin, carepath.RoleSystem},
		Update:    {carepath.RoleAdmin, carepath.RoleSystem},
		Login:     anyRole,
		EnrolTOTP: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleReviewer},
		// A web session re-reads its own account's role and disabled flag on every request.
		SignInCheck: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem},
	},
	Token: {
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
		Revoke: {carepath.RoleAdmin, carepath.RoleSystem},
		Login:  anyRole,
	},
	// Clients: admin and the command line may do everything; front desk keeps demographics,
	// contacts and coverage, so it creates, reads, lists and updates clients; clinicians and case
	// managers read, list and update the clients on their care team (CanSeeClient decides which,
	// row by row); a payer reviewer reads the clients of the authorizations assigned to them
	// (CanSeeClient again) and lists none; the public may do nothing.
	Client: {
		Create: {carepath.RoleFrontDesk, carepath.RoleAdmin, carepath.RoleSystem},
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Assessments are clinical records: clinicians and case managers on the care team
	// (CanSeeClient decides), admin and the command line take and read them; front desk and
	// reviewers may not. Converting an intake request creates a client and its first
	// assessment; the intake queue's staff may do it.
	Assessment: {
		Create: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		List:   reviewed,
	},
	// Programs: admin and the command line create them and change their tracks, rates and
	// staff; every staff role but the reviewer sees them.
	Program: {
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleAdmin, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Episodes of care are clinical records: clinicians and case managers on the care team
	// (CanSeeClient decides), admin and the command line admit, transfer, discharge and read
	// them. A program's census (who is open, at which level) is also for the front desk, which
	// schedules; reviewers see neither.
	Episode: {
		Create:    {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Transfer:  {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Discharge: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		List:      reviewed,
		Read:      reviewed,
	},
	Census: {
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Consents are administrative records: the front desk takes them at intake, the care team
	// (CanSeeClient decides), admin and the command line record, list and revoke them;
	// reviewers may not.
	Consent: {
		Create: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Revoke: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Treatment plans are clinical records: clinicians and case managers on the care team
	// (CanSeeClient decides), admin and the command line write and read them; only a clinician
	// or an admin signs one. Front desk and reviewers may do nothing.
	TreatmentPlan: {
		Create:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		List:        reviewed,
		Read:        reviewed,
		Update:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Sign:        {carepath.RoleClinician, carepath.RoleAdmin},
		Acknowledge: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Clinical notes: clinicians and case managers on the care team (CanSeeClient decides),
	// admin and the command line write, sign, amend and read them; only a clinician or an
	// admin co-signs (a supervisor). Front desk and reviewers may do nothing.
	Note: {
		Create: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		List:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Read:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Sign:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Addend: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Cosign: {carepath.RoleClinician, carepath.RoleAdmin},
	},
	// Delivery (groups, booked sessions and their occurrences): the front desk schedules, so it
	// creates and sees groups and schedules like the care team; clinicians and case managers see
	// only the occurrences of their care-team clients or that they run (SeesEveryClient and
	// CanSeeClient decide, row by row). Attendance, dose and alerts are clinical: the care team, admin and the command
	// line. The quality report is the admin's dashboard. A client lists only their own occurrences
	// (their calendar feed). Reviewers see none of it.
	// Adding a member beyond a group's capacity needs an admin (or the command line) and a
	// reason.
	Group: {
		Create: scheduling, Read: scheduling, List: scheduling, Update: scheduling,
		Override: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	TherapySession: {
		Create: scheduling, List: append(slices.Clone(scheduling), carepath.RoleClient), Read: scheduling,
		Cancel: scheduling, Move: scheduling,
	},
	Attendance: {
		Read:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	Dose: {
		Read: reviewed,
	},
	AttendanceAlert: {
		List: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	Quality: {
		Read: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// A client's weekly availability: the care team (CanSeeClient decides) and the front desk,
	// which schedules, read and record it, as do admin and the command line. A clinician's
	// availability and caseload limit are kept on the staff account (Staff: admin).
	Availability: {
		Read:   {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Schedule plans ("Plan next week"): the program director proposes, reads and applies
	// them. carepath has no program-director role yet, so for now that is the admin (and the
	// command line).
	SchedulePlan: {
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
		Read:   {carepath.RoleAdmin, carepath.RoleSystem},
		Apply:  {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Measures and their alerts are clinical: clinicians and case managers on the care team
	// (CanSeeClient decides, row by row), admin and the command line enter, read and schedule
	// measures, send answer links, and list and acknowledge alerts. Front desk and reviewers may
	// do none of it. Opening and answering a link is open to whoever knocks: the token decides.
	Measure: {
		Create: careTeam, List: reviewed, Update: careTeam, Read: careTeam,
	},
	MeasureAlert: {
		List: careTeam, Acknowledge: careTeam,
	},
	MeasureLink: {
		Create: careTeam, Open: anyRole, Submit: anyRole,
	},
	// The outcomes report: admins and clinicians (and the command line) may see the
	// program-level report, which holds no client data.
	OutcomeReport: {
		Read: {carepath.RoleClinician, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Continued-stay reviews are clinical and lead to transfers: the roles that may transfer an
	// episode (clinicians and case managers on the care team, CanSeeClient decides; admin; the
	// command line) run, read and decide them. Front desk and reviewers may do none of it.
	Review: {
		Create: careTeam, List: reviewed, Read: careTeam, Accept: careTeam, Decline: careTeam,
	},
	// Calendar feeds: every staff role but the reviewer manages feeds (ManagesStaffFeed then
	// allows only one's own staff feed, CanSeeClient the feeds of the clients one may see); opening a feed by its
	// token is open to whoever knocks, since the token decides.
	CalendarFeed: {
		Create: scheduling, Read: scheduling, Revoke: scheduling, Open: anyRole,
	},
	// Scorecards: anyone reads whether a program publishes one; admins and the command line turn
	// it on or off.
	Scorecard: {
		Read:   anyRole,
		Update: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// On-call rotas and office hours: every staff role that sees programs reads them (who to
	// call is the whole clinic's business); admin and the command line set them.
	OnCall: {
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// The outbox: only the server's worker (acting as the system) claims and sends its
	// messages, and queues the authorization alerts due (safety alerts are queued by the call
	// that raised them).
	Notification: {
		Claim: {carepath.RoleSystem}, Send: {carepath.RoleSystem}, Create: {carepath.RoleSystem},
	},
	// Safety alerts: the care team and the intake queue's staff, and whoever was paged about
	// one (PagedAbout decides, row by row), read and acknowledge them.
	SafetyAlert: {
		Read: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		List: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		Acknowledge: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Safety plans are clinical records written with the client: the care team (CanSeeClient
	// decides), admin and the command line write and read them and make links that show them
	// to the client. Opening a link is open to whoever knocks: the token decides.
	SafetyPlan: {
		Create: careTeam, Read: careTeam, List: careTeam,
	},
	SafetyPlanLink: {
		Create: careTeam, Open: anyRole,
	},
	// Diagnoses are clinical records: the care team (CanSeeClient decides), admin and the
	// command line record, list and resolve them.
	Diagnosis: {
		Create: careTeam, List: reviewed, Update: careTeam,
	},
	// The code set is public reference data: every staff role searches it; admin and the
	// command line import CMS's code files into it.
	CodeSet: {
		List:   {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Payers are the clinic's reference data: every staff role but the reviewer sees them;
	// admin and the command line add them and set their claim format.
	Payer: {
		List:   scheduling,
		Read:   scheduling,
		Create: {carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Coverage is administrative: the front desk takes it at intake, the care team
	// (CanSeeClient decides), admin and the command line record and read it.
	Coverage: {
		Create: scheduling, List: scheduling,
	},
	// Authorizations: case managers (who work them with payers), clinicians on the care team
	// (CanSeeClient decides), admin and the command line record and change them; the front
	// desk, which schedules within them, reads them too; a payer reviewer reads the ones
	// assigned to them (SeesAuthorization).
	Authorization: {
		Create: careTeam, Update: careTeam, List: scheduling, Read: append(slices.Clone(scheduling), carepath.RoleReviewer),
	},
	// Physician certifications are chart records: clinicians on the care team (CanSeeClient
	// decides), admin and the command line record them; the chart's readers read them.
	Certification: {
		Create: {carepath.RoleClinician, carepath.RoleAdmin, carepath.RoleSystem}, List: reviewed,
	},
	// Charges, claim batches and remittances are the billing office's: the front desk, case
	// managers, admin and the command line list charges and make and read batches; clinicians
	// list their care team's charges (CanSeeClient decides); only admin and the command line post
	// remittances.
	Charge: {
		List:   scheduling,
		Read:   {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Create: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		Update: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Good-faith estimates price the level an assessment recommends, so the care team
	// (CanSeeClient decides), admin and the command line issue them; the front desk, which
	// hands a client their copy, lists and reads the kept ones too.
	Estimate: {
		Create: careTeam, List: scheduling, Read: scheduling,
	},
	// The audit log: only admin and the command line read it and check its hash chain; only
	// the command line seals the rows written before the chain (and records its own events,
	// such as a restore). Nobody changes or deletes a row: the database refuses it.
	AuditLog: {
		List:    {carepath.RoleAdmin, carepath.RoleSystem},
		Read:    {carepath.RoleAdmin, carepath.RoleSystem},
		Verify:  {carepath.RoleAdmin, carepath.RoleSystem},
		Seal:    {carepath.RoleSystem},
		Create:  {carepath.RoleSystem},
		Restore: {carepath.RoleSystem},
	},
	// Disclosures: releasing a client's records outside the care team goes through the
	// disclosure gate, which asks for a 42 CFR Part 2 consent. The roles that hold a chart
	// (the care team, CanSeeClient decides; the front desk, which handles releases of
	// information; admin; the command line) release to a named recipient; a payer reviewer
	// and an outside party's token receive records only for themselves.
	Disclosure: {
		Release: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem},
	},
}

// careTeam is the roles that do clinical work: clinicians and case managers (on the care team,
// CanSeeClient decides), admin and the command line.
var careTeam = []carepath.Role{carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem}

// reviewed is the care team's roles and the payer reviewer: the records a utilization-review
// packet holds, which a reviewer reads only for the clients and dates of the authorizations
// assigned to them (CanSeeClient, ReviewerSeesDate decide, row by row).
var reviewed = append(slices.Clone(careTeam), carepath.RoleReviewer)

// scheduling is the roles that keep the schedule: front desk, the care team, admin and the
// command line.
var scheduling = []carepath.Role{carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
	carepath.RoleAdmin, carepath.RoleSystem}

// anyRole is every role, for calls whose own check (a password, a token) decides.
var anyRole = []carepath.Role{carepath.RolePublic, carepath.RoleClient, carepath.RoleFrontDesk,
	carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem}

// Allowed reports whether role may do act to records of type rec: the one policy check. The
// store's chokepoint asks it before every call; a page asks it before offering what the call
// would refuse.
func Allowed(role carepath.Role, rec Record, act Action) bool {
	return slices.Contains(policy[rec][act], role)
}
