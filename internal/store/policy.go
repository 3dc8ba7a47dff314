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
	recClient recordType = "client"
	recAudit  recordType = "audit"
	recStaff  recordType = "staff"
	recToken  recordType = "token"

	recProgram recordType = "program"
	recEpisode recordType = "episode"
	recCensus  recordType = "census"

	recAssessment recordType = "assessment"

	recPlan recordType = "plan"

	recConsent recordType = "consent"

	recNote recordType = "note"

	recGroup      recordType = "group"
	recSession    recordType = "session"
	recAttendance recordType = "attendance"
	recDose       recordType = "dose"
	recQuality    recordType = "quality"
	recAlert      recordType = "alert"

	recAvailability recordType = "availability"
	recSchedulePlan recordType = "schedule_plan"
)

// action is what a call does to a record type. The audit log names a call
// "<record type>.<action>", e.g. "intake.create".
type action string

// The actions.
const (
	actCreate action = "create"
	actList   action = "list"
	actRead   action = "read"
	actUpdate action = "update"
	actRevoke action = "revoke"
	actLogin  action = "login"

	actTransfer  action = "transfer"
	actDischarge action = "discharge"

	actConvert action = "convert"

	actSign        action = "sign"
	actAcknowledge action = "acknowledge"

	actCosign action = "cosign"
	actAddend action = "addend"

	actCancel action = "cancel"
	actMove   action = "move"

	actApply action = "apply"
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
		actRead: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
		actConvert: {carepath.RoleFrontDesk, carepath.RoleCaseManager, carepath.RoleClinician,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Staff accounts and API tokens: admin and the command line manage them; every staff role
	// may list colleagues (the clinic's directory: names and roles on charts and care teams).
	// Signing in (with a password or a token) is open to every actor, since the web layer asks
	// as whoever is knocking (RolePublic); the credentials themselves decide.
	recStaff: {
		actCreate: {carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actRead:   {carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleAdmin, carepath.RoleSystem},
		actLogin:  anyRole,
		actTOTP:   {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleReviewer},
		// A web session re-reads its own account's role and disabled flag on every request.
		actSession: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem},
	},
	recToken: {
		actCreate: {carepath.RoleAdmin, carepath.RoleSystem},
		actRevoke: {carepath.RoleAdmin, carepath.RoleSystem},
		actLogin:  anyRole,
	},
	// Clients: admin and the command line may do everything; front desk keeps demographics,
	// contacts and coverage, so it creates, reads, lists and updates clients; clinicians and case
	// managers read, list and update the clients on their care team (canSeeClient decides which,
	// row by row); reviewers and the public may do nothing.
	recClient: {
		actCreate: {carepath.RoleFrontDesk, carepath.RoleAdmin, carepath.RoleSystem},
		actRead: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Assessments are clinical records: clinicians and case managers on the care team
	// (canSeeClient decides), admin and the command line take and read them; front desk and
	// reviewers may not. Converting an intake request creates a client and its first
	// assessment; the intake queue's staff may do it.
	recAssessment: {
		actCreate: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actList:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Programs: admin and the command line create them and change their tracks, rates and
	// staff; every staff role but the reviewer sees them.
	recProgram: {
		actCreate: {carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actRead: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Episodes of care are clinical records: clinicians and case managers on the care team
	// (canSeeClient decides), admin and the command line admit, transfer, discharge and read
	// them. A program's census (who is open, at which level) is also for the front desk, which
	// schedules; reviewers see neither.
	recEpisode: {
		actCreate:    {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actTransfer:  {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actDischarge: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actList:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actRead:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	recCensus: {
		actRead: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Consents are administrative records: the front desk takes them at intake, the care team
	// (canSeeClient decides), admin and the command line record, list and revoke them;
	// reviewers may not.
	recConsent: {
		actCreate: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actList: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actRevoke: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
		actRead: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
			carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Treatment plans are clinical records: clinicians and case managers on the care team
	// (canSeeClient decides), admin and the command line write and read them; only a clinician
	// or an admin signs one. Front desk and reviewers may do nothing.
	recPlan: {
		actCreate:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actList:        {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actRead:        {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate:      {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actSign:        {carepath.RoleClinician, carepath.RoleAdmin},
		actAcknowledge: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Clinical notes: clinicians and case managers on the care team (canSeeClient decides),
	// admin and the command line write, sign, amend and read them; only a clinician or an
	// admin co-signs (a supervisor). Front desk and reviewers may do nothing.
	recNote: {
		actCreate: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actList:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actRead:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actSign:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actAddend: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actCosign: {carepath.RoleClinician, carepath.RoleAdmin},
	},
	// Delivery (groups, booked sessions and their occurrences): the front desk schedules, so it
	// creates and sees groups and schedules like the care team; clinicians and case managers see
	// only the occurrences of their care-team clients or that they run (scheduleScope decides,
	// row by row). Attendance, dose and alerts are clinical: the care team, admin and the command
	// line. The quality report is the admin's dashboard. A client lists only their own occurrences
	// (their calendar feed). Reviewers see none of it.
	recGroup: {
		actCreate: scheduling, actRead: scheduling, actList: scheduling, actUpdate: scheduling,
	},
	recSession: {
		actCreate: scheduling, actList: append(slices.Clone(scheduling), carepath.RoleClient), actRead: scheduling,
		actCancel: scheduling, actMove: scheduling,
	},
	recAttendance: {
		actRead:   {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	recDose: {
		actRead: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	recAlert: {
		actList: {carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	recQuality: {
		actRead: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// A client's weekly availability: the care team (canSeeClient decides) and the front desk,
	// which schedules, read and record it, as do admin and the command line. A clinician's
	// availability and caseload limit are kept on the staff account (recStaff: admin).
	recAvailability: {
		actRead:   {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
		actUpdate: {carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Schedule plans ("Plan next week"): the program director proposes, reads and applies
	// them. carepath has no program-director role yet, so for now that is the admin (and the
	// command line).
	recSchedulePlan: {
		actCreate: {carepath.RoleAdmin, carepath.RoleSystem},
		actRead:   {carepath.RoleAdmin, carepath.RoleSystem},
		actApply:  {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Measures and their alerts are clinical: clinicians and case managers on the care team
	// (canSeeClient decides, row by row), admin and the command line enter, read and schedule
	// measures, send answer links, and list and acknowledge alerts. Front desk and reviewers may
	// do none of it. Opening and answering a link is open to whoever knocks: the token decides.
	recMeasure: {
		actCreate: careTeam, actList: careTeam, actUpdate: careTeam, actRead: careTeam,
	},
	recMeasureAlert: {
		actList: careTeam, actAcknowledge: careTeam,
	},
	recMeasureLink: {
		actCreate: careTeam, actOpen: anyRole, actSubmit: anyRole,
	},
	// The outcomes report: admins and clinicians (and the command line) may see the
	// program-level report, which holds no client data.
	recOutcome: {
		actRead: {carepath.RoleClinician, carepath.RoleAdmin, carepath.RoleSystem},
	},
	// Continued-stay reviews are clinical and lead to transfers: the roles that may transfer an
	// episode (clinicians and case managers on the care team, canSeeClient decides; admin; the
	// command line) run, read and decide them. Front desk and reviewers may do none of it.
	recReview: {
		actCreate: careTeam, actList: careTeam, actRead: careTeam, actAccept: careTeam, actDecline: careTeam,
	},
	// Calendar feeds: every staff role but the reviewer manages feeds (ownerRef then allows only
	// one's own staff feed, and client feeds of the clients one may see); opening a feed by its
	// token is open to whoever knocks, since the token decides.
	recCalendarFeed: {
		actCreate: scheduling, actRead: scheduling, actRevoke: scheduling, actOpen: anyRole,
	},
	// Scorecards: anyone reads whether a program publishes one; admins and the command line turn
	// it on or off.
	recScorecard: {
		actRead:   anyRole,
		actUpdate: {carepath.RoleAdmin, carepath.RoleSystem},
	},
	// The audit log: only admin and the command line read it; nobody changes it.
	recAudit: {
		actList: {carepath.RoleAdmin, carepath.RoleSystem},
		actRead: {carepath.RoleAdmin, carepath.RoleSystem},
	},
}

// careTeam is the roles that do clinical work: clinicians and case managers (on the care team,
// canSeeClient decides), admin and the command line.
var careTeam = []carepath.Role{carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleSystem}

// scheduling is the roles that keep the schedule: front desk, the care team, admin and the
// command line.
var scheduling = []carepath.Role{carepath.RoleFrontDesk, carepath.RoleClinician, carepath.RoleCaseManager,
	carepath.RoleAdmin, carepath.RoleSystem}

// anyRole is every role, for calls whose own check (a password, a token) decides.
var anyRole = []carepath.Role{carepath.RolePublic, carepath.RoleClient, carepath.RoleFrontDesk,
	carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleAdmin, carepath.RoleReviewer, carepath.RoleSystem}

// allowed reports whether role may do act to records of type rec. It is the one policy check.
func allowed(role carepath.Role, rec recordType, act action) bool {
	return slices.Contains(policy[rec][act], role)
}
